import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import type { Remote } from '../../../hooks/useRemote';
import type { Paged } from '../../greencoin/shared/ui';
import { GrantForm } from './GrantForm';
import { type Community, type Grant, kindLabel, ROLE_LABELS, type Role } from './labels';

type Assignments = ActionOutput<'admin', 'assignments'>;
type People = ActionOutput<'admin', 'people'>;
type Person = People['items'][number];
type Revoke = (userId: string, name: string, grant: Grant) => void;

/** 网格员配备: who covers which grid, of which kind, and whether cases are routed to them. */
export function AssignmentsCard(props: { community: Community; assignments: Remote<Assignments>; revoke: Revoke }) {
  return (
    <View className="card" data-testid="assignments">
      <Text className="card-title">网格员配备</Text>
      <StateView remote={props.assignments} isEmpty={(a) => a.items.length === 0} emptyText="暂无网格员">
        {(a) => (
          <>
            {a.items.map((w) => (
              <View key={`${w.userId}|${w.gridId}`} className="row">
                <View className="row-head">
                  <Text className="name">
                    {w.gridName} · {w.name}
                  </Text>
                  <Text className="badge">
                    {kindLabel(w.kind)}
                    {w.routed ? ' · 接单' : ''}
                  </Text>
                </View>
                <View className="row-actions">
                  <Button
                    size="small"
                    type="danger"
                    fill="outline"
                    onClick={() =>
                      props.revoke(w.userId, w.name, {
                        role: 'gridworker',
                        communityId: props.community.id,
                        gridId: w.gridId,
                      })
                    }
                  >
                    撤销
                  </Button>
                </View>
              </View>
            ))}
          </>
        )}
      </StateView>
    </View>
  );
}

function PersonRow(props: {
  community: Community;
  person: Person;
  revoke: Revoke;
  /** One grant form open at a time, on the person whose ＋ was tapped last. */
  granting: boolean;
  onGrant: (open: boolean) => void;
  onGranted: () => void;
}) {
  const { person: u, community, granting } = props;
  const gridName = (id?: string) => community.grids.find((g) => g.id === id)?.name ?? id ?? '';
  return (
    <View className="row" data-testid={`person-${u.userId}`}>
      <View className="row-head">
        <Text className="name">{u.name}</Text>
        <Text className="muted">{u.phone}</Text>
      </View>
      <View className="chips">
        {u.grants
          .filter((g) => g.role !== 'resident')
          .map((g) => (
            <View
              key={`${g.role}|${g.gridId ?? ''}|${g.communityId ?? ''}`}
              className="chip grant-chip"
              onClick={() => props.revoke(u.userId, u.name, g as Grant)}
            >
              {ROLE_LABELS[g.role as Role]}
              {g.gridId ? `（${gridName(g.gridId)}）` : g.communityId ? '' : '（全域）'} ✕
            </View>
          ))}
        <View className="chip" onClick={() => props.onGrant(!granting)} data-testid="grant-open">
          ＋ 授予角色
        </View>
      </View>
      {granting && (
        <GrantForm
          community={community}
          userId={u.userId}
          name={u.name}
          onDone={() => {
            props.onGrant(false);
            props.onGranted();
          }}
        />
      )}
    </View>
  );
}

/** 居民与角色: everyone in the community with their roles; tap a role to revoke it, ＋ to grant one. */
export function PeopleCard(props: {
  community: Community;
  people: Paged<People>;
  revoke: Revoke;
  refresh: () => void;
}) {
  const { people } = props;
  const [granting, setGranting] = useState<string | null>(null);
  return (
    <View className="card" data-testid="people">
      <Text className="card-title">居民与角色</Text>
      <StateView remote={people.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无居民">
        {(p) => (
          <>
            {p.items.map((u) => (
              <PersonRow
                key={u.userId}
                community={props.community}
                person={u}
                revoke={props.revoke}
                granting={granting === u.userId}
                onGrant={(open) => setGranting(open ? u.userId : null)}
                onGranted={props.refresh}
              />
            ))}
            {p.hasMore && (
              <Button block loading={people.loadingMore} onClick={() => void people.loadMore()}>
                加载更多
              </Button>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
