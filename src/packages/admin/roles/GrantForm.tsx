import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { call } from '../../../services/client';
import { type Community, fail, GRANTABLE, KINDS, type Kind, ROLE_LABELS, type Role } from './labels';

/** 授予角色: a role in this community; a grid worker also needs the grid and the kind (专职 / 兼职 / 流动). */
export function GrantForm(props: { community: Community; userId: string; name: string; onDone: () => void }) {
  const [role, setRole] = useState<Role>('gridworker');
  const [gridId, setGridId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('fulltime');
  const [busy, setBusy] = useState(false);
  const valid = role !== 'gridworker' || gridId !== null;
  const submit = async () => {
    setBusy(true);
    try {
      await call('admin', 'role.grant', {
        userId: props.userId,
        role,
        communityId: props.community.id,
        ...(role === 'gridworker' && gridId ? { gridId, kind } : {}),
      });
      void Taro.showToast({ title: '已授予', icon: 'success' });
      props.onDone();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="grant-form" data-testid="grant-form">
      <Text className="muted">授予 {props.name}：</Text>
      <Chips
        items={GRANTABLE.map((r) => ({ key: r, label: ROLE_LABELS[r], role: r }))}
        active={role}
        onPick={(c) => setRole(c.role)}
      />
      {role === 'gridworker' && (
        <>
          <Chips
            items={props.community.grids.map((g) => ({ key: g.id, label: g.name }))}
            active={gridId}
            onPick={(g) => setGridId(g.key)}
            testid="grant-grid"
          />
          <Chips
            items={KINDS.map(([k, label]) => ({ key: k, label, kind: k }))}
            active={kind}
            onPick={(c) => setKind(c.kind)}
            testid="grant-kind"
          />
          <Text className="muted">专职网格员接收本网格的事项派单；兼职、流动网格员（如快递员）协助巡查上报。</Text>
        </>
      )}
      <Button type="primary" size="small" loading={busy} disabled={!valid} onClick={() => void submit()}>
        确认授予
      </Button>
    </View>
  );
}
