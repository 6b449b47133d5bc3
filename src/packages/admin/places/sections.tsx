import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import {
  type Community,
  type Editing,
  editCommunity,
  editGrid,
  editStreet,
  newCommunity,
  newGrid,
  newStreet,
  type Places,
} from './editing';
import { outlinePoints } from './outline';

/** Opens an editor, and places the open one: `slot(key)` is the editor when `key` is the one being edited. */
export interface EditorSlots {
  edit: (e: Editing) => void;
  slot: (key: string) => ReactNode;
}

/** 街道 (street and city admins): rename a street, add one, or add a community under it. */
export function StreetsCard({ streets, slots }: { streets: Places['streets']; slots: EditorSlots }) {
  return (
    <View className="card" data-testid="streets">
      <Text className="card-title">街道</Text>
      {streets.map((s) => (
        <View key={s.id} className="row">
          <View className="row-head">
            <Text className="name">{s.name}</Text>
            <Button size="small" onClick={() => slots.edit(editStreet(s))}>
              更名
            </Button>
          </View>
          {slots.slot(`street:${s.id}`)}
          <Button size="small" fill="outline" onClick={() => slots.edit(newCommunity(s.id))}>
            ＋ 新建社区（村）
          </Button>
        </View>
      ))}
      {slots.slot('community:new')}
      <Button size="small" onClick={() => slots.edit(newStreet())}>
        ＋ 新建街道
      </Button>
      {slots.slot('street:new')}
    </View>
  );
}

function GridRow({
  community,
  grid: g,
  slots,
}: {
  community: Community;
  grid: Community['grids'][number];
  slots: EditorSlots;
}) {
  return (
    <View className="row">
      <View className="row-head">
        <Text className="name">{g.name}</Text>
        <Button size="small" onClick={() => slots.edit(editGrid(community, g))}>
          编辑
        </Button>
      </View>
      <Text className="muted">
        {g.addresses.length ? `覆盖：${g.addresses.join('、')}` : '尚未登记地址清单'}
        {g.boundary ? ` · 边界 ${outlinePoints(g.boundary)} 个点` : ' · 尚未划定边界'}
      </Text>
      {slots.slot(`grid:${g.id}`)}
    </View>
  );
}

/** A community with its grids; only city and street admins may rename the community itself. */
export function CommunityCard(props: { community: Community; city: boolean; slots: EditorSlots }) {
  const { community: c, slots } = props;
  return (
    <View className="card" data-testid={`community-${c.id}`}>
      <View className="row-head">
        <Text className="card-title">{c.name}</Text>
        {props.city && (
          <Button size="small" onClick={() => slots.edit(editCommunity(c))}>
            修改
          </Button>
        )}
      </View>
      {slots.slot(`community:${c.id}`)}
      {c.grids.map((g) => (
        <GridRow key={g.id} community={c} grid={g} slots={slots} />
      ))}
      <Button size="small" fill="outline" onClick={() => slots.edit(newGrid(c))}>
        ＋ 新建网格
      </Button>
      {slots.slot(`grid:new@${c.id}`)}
    </View>
  );
}
