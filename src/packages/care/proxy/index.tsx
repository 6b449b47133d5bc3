import { Button, Cell, Dialog, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { useProfile } from '../../../hooks/useProfile';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import './index.scss';
import { Page } from '../../../components/Page';

type Scope = 'reports' | 'redeem' | 'meetings';
const SCOPES: { key: Scope; label: string }[] = [
  { key: 'reports', label: '随手拍上报' },
  { key: 'redeem', label: '绿币兑换' },
  { key: 'meetings', label: '议事会报名' },
];
const PAGE = 20;

/** 代办: whom I let act for me (revocable at once), who lets me act for them, and what was done in my name. */
export default function ProxyPage() {
  const profile = useProfile();
  const grants = useRemote(() => call('identity', 'proxy.list', {}));
  const [limit, setLimit] = useState(PAGE);
  const log = useRemote(() => call('identity', 'proxy.log', { limit: Math.min(limit, 50) }), [limit]);
  const [agent, setAgent] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['reports']);
  usePullDownRefresh(() => {
    void Promise.all([grants.reload(), log.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const grant = async () => {
    if (!agent.trim() || scopes.length === 0) {
      return void Taro.showToast({ title: '请填写对方的用户编号并选择代办事项', icon: 'none' });
    }
    try {
      const done = await call('identity', 'proxy.grant', { agentUserId: agent.trim(), scopes });
      void Taro.showToast({ title: `已授权 ${done.agentName}`, icon: 'success' });
      setAgent('');
      await grants.reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
    }
  };

  const revoke = (userId: string, name: string) =>
    Dialog.open('proxy-revoke', {
      title: '撤销代办授权',
      content: `撤销后，${name} 将不能再以您的名义办理任何事项，立即生效。`,
      onConfirm: async () => {
        Dialog.close('proxy-revoke');
        try {
          await call('identity', 'proxy.revoke', { agentUserId: userId });
          void Taro.showToast({ title: '已撤销', icon: 'success' });
          await grants.reload();
        } catch (error) {
          void Taro.showToast({ title: (error as Error).message, icon: 'none' });
        }
      },
      onCancel: () => Dialog.close('proxy-revoke'),
    });

  return (
    <Page className="proxy">
      <View className="card">
        <View className="card-title">我的用户编号</View>
        <Text className="proxy-id" data-testid="proxy-my-id" userSelect>
          {profile.data?.userId ?? '…'}
        </Text>
        <View className="muted">请家人为您代办时，把这个编号告诉对方，由您本人授权。</View>
      </View>

      <View className="card">
        <View className="card-title">授权家人或网格员代办</View>
        <View data-testid="proxy-agent" className="proxy-input">
          <Input
            value={agent}
            onChange={setAgent}
            maxLength={64}
            placeholder="对方的用户编号"
            aria-label="对方的用户编号"
          />
        </View>
        <View className="chips">
          {SCOPES.map((s) => (
            <View
              key={s.key}
              role="checkbox"
              aria-checked={scopes.includes(s.key)}
              className={`chip ${scopes.includes(s.key) ? 'chip-active' : ''}`}
              data-testid={`proxy-scope-${s.key}`}
              onClick={() =>
                setScopes((list) => (list.includes(s.key) ? list.filter((x) => x !== s.key) : [...list, s.key]))
              }
            >
              {s.label}
            </View>
          ))}
        </View>
        <View data-testid="proxy-grant">
          <Button type="primary" block onClick={() => void grant()}>
            授权
          </Button>
        </View>
      </View>

      <StateView remote={grants}>
        {(data) => (
          <>
            <Cell.Group title="我授权的代办人">
              {data.given.length === 0 && <Cell title="还没有授权任何人" />}
              {data.given.map((g) => (
                <View key={g.userId} data-testid={`proxy-given-${g.userId}`}>
                  <Cell
                    title={g.name}
                    description={g.scopeLabels.join('、')}
                    extra={
                      <Button size="small" type="danger" fill="outline" onClick={() => revoke(g.userId, g.name)}>
                        撤销
                      </Button>
                    }
                  />
                </View>
              ))}
            </Cell.Group>
            {data.received.length > 0 && (
              <Cell.Group title="委托我代办的人">
                {data.received.map((g) => (
                  <Cell key={g.userId} title={g.name} description={g.scopeLabels.join('、')} />
                ))}
              </Cell.Group>
            )}
          </>
        )}
      </StateView>

      <StateView remote={log} isEmpty={(d) => d.items.length === 0} emptyText="还没有人以您的名义办过事">
        {(data) => (
          <Cell.Group title="代办记录" data-testid="proxy-log">
            {data.items.map((item) => (
              <View key={item.id} data-testid="proxy-log-item">
                <Cell
                  title={item.summary}
                  description={`${item.agentName} · ${item.scopeLabel} · ${item.at.slice(0, 16).replace('T', ' ')}`}
                />
              </View>
            ))}
            {data.hasMore && limit < 50 && (
              <Button block fill="none" onClick={() => setLimit((n) => n + PAGE)}>
                加载更多
              </Button>
            )}
          </Cell.Group>
        )}
      </StateView>
      <Dialog id="proxy-revoke" />
    </Page>
  );
}
