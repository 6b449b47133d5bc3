import { Button, Dialog } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { StateView } from '../../../components/StateView';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import './index.scss';
import { Page } from '../../../components/Page';

type Role = 'resident' | 'volunteer' | 'gridworker' | 'staff' | 'sage' | 'admin' | 'tip_officer';
type Kind = 'fulltime' | 'parttime' | 'mobile';
type Community = ActionOutput<'admin', 'places'>['communities'][number];
type Grant = { role: Role; communityId?: string; gridId?: string };

const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  gridworker: '网格员',
  staff: '社区工作者',
  sage: '乡贤监督员',
  admin: '管理员',
  tip_officer: '举报受理员',
};
// 乡贤 are appointed by the street's selection decision and tip officers per scheme by the tips desk, never here.
const GRANTABLE: Role[] = ['gridworker', 'staff', 'volunteer', 'admin'];
const KINDS: Array<[Kind, string]> = [
  ['fulltime', '专职网格员'],
  ['parttime', '兼职网格员'],
  ['mobile', '流动网格员'],
];
const kindLabel = (k: string) => KINDS.find(([key]) => key === k)?.[1] ?? k;

const fail = (error: unknown) => void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });

/** Asks before a revocation: it takes effect at once and the person loses the role's pages. */
function confirmRevoke(who: string, what: string, run: () => Promise<void>) {
  Dialog.open('revoke', {
    title: '确认撤销？',
    content: `将撤销${who}的“${what}”角色，立即生效并记入审计。`,
    confirmText: '确认撤销',
    onConfirm: () => {
      Dialog.close('revoke');
      void run();
    },
    onCancel: () => Dialog.close('revoke'),
  });
}

function GrantForm(props: { community: Community; userId: string; name: string; onDone: () => void }) {
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

function Manage({ community }: { community: Community }) {
  const assignments = useRemote(() => call('admin', 'assignments', { communityId: community.id }), [community.id]);
  const people = usePaged(
    (skip) => call('admin', 'people', { communityId: community.id, skip, limit: 20 }),
    [community.id],
  );
  const [granting, setGranting] = useState<string | null>(null);
  const refresh = () => void Promise.all([assignments.reload(), people.reload()]);
  const revoke = (userId: string, name: string, grant: Grant) =>
    confirmRevoke(name, ROLE_LABELS[grant.role], async () => {
      try {
        await call('admin', 'role.revoke', {
          userId,
          role: grant.role,
          ...(grant.communityId ? { communityId: grant.communityId } : {}),
          ...(grant.gridId ? { gridId: grant.gridId } : {}),
        });
        void Taro.showToast({ title: '已撤销', icon: 'success' });
        refresh();
      } catch (error) {
        fail(error);
      }
    });
  const gridName = (id?: string) => community.grids.find((g) => g.id === id)?.name ?? id ?? '';
  return (
    <>
      <View className="card" data-testid="assignments">
        <Text className="card-title">网格员配备</Text>
        <StateView remote={assignments} isEmpty={(a) => a.items.length === 0} emptyText="暂无网格员">
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
                        revoke(w.userId, w.name, { role: 'gridworker', communityId: community.id, gridId: w.gridId })
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
      <View className="card" data-testid="people">
        <Text className="card-title">居民与角色</Text>
        <StateView remote={people.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无居民">
          {(p) => (
            <>
              {p.items.map((u) => (
                <View key={u.userId} className="row" data-testid={`person-${u.userId}`}>
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
                          onClick={() => revoke(u.userId, u.name, g as Grant)}
                        >
                          {ROLE_LABELS[g.role as Role]}
                          {g.gridId ? `（${gridName(g.gridId)}）` : g.communityId ? '' : '（全域）'} ✕
                        </View>
                      ))}
                    <View
                      className="chip"
                      onClick={() => setGranting(granting === u.userId ? null : u.userId)}
                      data-testid="grant-open"
                    >
                      ＋ 授予角色
                    </View>
                  </View>
                  {granting === u.userId && (
                    <GrantForm
                      community={community}
                      userId={u.userId}
                      name={u.name}
                      onDone={() => {
                        setGranting(null);
                        refresh();
                      }}
                    />
                  )}
                </View>
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
    </>
  );
}

/** Role grants and revocations, and grid-worker assignments (专职 / 兼职 / 流动), each revocation confirmed. */
export default function Roles() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [communityId, setCommunityId] = useState<string | null>(null);
  return (
    <Page className="admin-manage">
      <StateView remote={places} isEmpty={(p) => p.communities.length === 0} emptyText="暂无可管理的社区">
        {(p) => {
          const community = p.communities.find((c) => c.id === communityId) ?? (p.communities[0] as Community);
          return (
            <>
              {p.communities.length > 1 && (
                <Chips
                  items={p.communities.map((c) => ({ key: c.id, label: c.name }))}
                  active={community.id}
                  onPick={(c) => setCommunityId(c.key)}
                />
              )}
              <Manage community={community} />
            </>
          );
        }}
      </StateView>
      <Dialog id="revoke" />
    </Page>
  );
}
