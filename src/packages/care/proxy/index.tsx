import { Button, Cell } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { confirmThen } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { formatTime } from '../../../components/ui';
import { useProfile } from '../../../hooks/useProfile';
import { type Remote, useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { GrantCard, GrantsList, InviteCard, MyQrCard, type Scope } from './sections';
import { inviteLink, SHARE_FALLBACK_PATH, useInvite } from './useInvite';
import './index.scss';

const PAGE = 20;
const toast = (title: string, icon: 'none' | 'success' = 'none', duration = 1500) =>
  void Taro.showToast({ title, icon, duration });

/** 代办: whom I let act for me (revocable at once), who lets me act for them, and what was done in my name. */
export default function ProxyPage() {
  const me = useProfile().data;
  const grants = useRemote(() => call('identity', 'proxy.list', {}));
  const [limit, setLimit] = useState(PAGE);
  const log = useRemote(() => call('identity', 'proxy.log', { limit: Math.min(limit, 50) }), [limit]);
  const { invite, setInvite, scan } = useInvite();
  const [scopes, setScopes] = useState<Scope[]>(['reports']);
  useShareAppMessage(() => ({
    title: `${me?.nickname ?? ''}想帮您在「共治」上代办事情`,
    path: me ? inviteLink(me.userId, me.nickname) : SHARE_FALLBACK_PATH,
  }));
  usePullDownRefresh(() => {
    void Promise.all([grants.reload(), log.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  /** Answers whether it was granted (the typed id is then cleared). */
  const grant = async (agentUserId: string): Promise<boolean> => {
    if (!agentUserId.trim() || scopes.length === 0) {
      toast('请扫对方的二维码（或填写用户编号）并选择代办事项');
      return false;
    }
    try {
      const done = await call('identity', 'proxy.grant', { agentUserId: agentUserId.trim(), scopes });
      toast(`已授权 ${done.agentName}`, 'success');
      setInvite(null);
      await grants.reload();
      return true;
    } catch (error) {
      toast((error as Error).message, 'none', 3000);
      return false;
    }
  };
  const revoke = (userId: string, name: string) =>
    confirmThen(
      { title: '撤销代办授权', content: `撤销后，${name} 将不能再以您的名义办理任何事项，立即生效。` },
      async () => {
        try {
          await call('identity', 'proxy.revoke', { agentUserId: userId });
          toast('已撤销', 'success');
          await grants.reload();
        } catch (error) {
          toast((error as Error).message);
        }
      },
    );
  const choice = { scopes, setScopes };
  return (
    <Page className="proxy">
      {invite && (
        <InviteCard
          invite={invite}
          choice={choice}
          onAccept={() => void grant(invite.agent)}
          onDecline={() => setInvite(null)}
        />
      )}
      <MyQrCard me={me} />
      <GrantCard me={me} choice={choice} onScan={() => void scan()} onGrant={grant} />
      <StateView remote={grants}>{(data) => <GrantsList data={data} onRevoke={revoke} />}</StateView>
      <ProxyLog log={log} limit={limit} onMore={() => setLimit((n) => n + PAGE)} />
    </Page>
  );
}

/** What was done in my name, newest first. */
function ProxyLog(props: { log: Remote<ActionOutput<'identity', 'proxy.log'>>; limit: number; onMore: () => void }) {
  return (
    <StateView remote={props.log} isEmpty={(d) => d.items.length === 0} emptyText="还没有人以您的名义办过事">
      {(data) => (
        <Cell.Group title="代办记录" data-testid="proxy-log">
          {data.items.map((item) => (
            <View key={item.id} data-testid="proxy-log-item">
              <Cell
                title={item.summary}
                description={`${item.agentName} · ${item.scopeLabel} · ${formatTime(item.at)}`}
              />
            </View>
          ))}
          {data.hasMore && props.limit < 50 && (
            <Button block fill="none" onClick={props.onMore}>
              加载更多
            </Button>
          )}
        </Cell.Group>
      )}
    </StateView>
  );
}
