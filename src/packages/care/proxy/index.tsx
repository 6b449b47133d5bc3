import { Button, Cell, Dialog, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { Qr } from '../../../components/Qr';
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
const PROXY_PAGE = 'packages/care/proxy/index';

/**
 * What a helper's QR code / share card carries: this page with the helper's id (and their name, for
 * the confirmation; the server's answer names who was really authorised).
 */
function inviteLink(userId: string, name: string): string {
  const query = `agent=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}`;
  return process.env.TARO_ENV === 'h5'
    ? `${window.location.origin}${window.location.pathname}#/${PROXY_PAGE}?${query}`
    : `/${PROXY_PAGE}?${query}`;
}

function parseInvite(text: string): { agent: string; name: string } | null {
  const query = text.split('?')[1] ?? '';
  const params = new Map(
    query.split('&').map((pair) => {
      const [k, v = ''] = pair.split('=');
      return [k ?? '', decodeURIComponent(v)] as const;
    }),
  );
  const agent = params.get('agent');
  return agent ? { agent, name: params.get('name') || '对方' } : null;
}

/** 代办: whom I let act for me (revocable at once), who lets me act for them, and what was done in my name. */
export default function ProxyPage() {
  const profile = useProfile();
  const grants = useRemote(() => call('identity', 'proxy.list', {}));
  const [limit, setLimit] = useState(PAGE);
  const log = useRemote(() => call('identity', 'proxy.log', { limit: Math.min(limit, 50) }), [limit]);
  const [agent, setAgent] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['reports']);
  // Opened from a helper's QR code or share card: who asks to help, awaiting this person's yes.
  const params = useRouter().params;
  const [invite, setInvite] = useState(() =>
    params.agent
      ? { agent: decodeURIComponent(params.agent), name: decodeURIComponent(params.name ?? '') || '对方' }
      : null,
  );
  const [manual, setManual] = useState(false);
  const me = profile.data;
  useShareAppMessage(() => ({
    title: `${me?.nickname ?? ''}想帮您在「共治」上代办事情`,
    path: me ? inviteLink(me.userId, me.nickname) : `/${PROXY_PAGE}`,
  }));
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      const found = parseInvite(result);
      if (!found) return void Taro.showToast({ title: '这不是代办二维码', icon: 'none' });
      setInvite(found);
    } catch {
      // cancelled
    }
  };
  usePullDownRefresh(() => {
    void Promise.all([grants.reload(), log.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const grant = async (agentUserId: string) => {
    if (!agentUserId.trim() || scopes.length === 0) {
      return void Taro.showToast({ title: '请扫对方的二维码（或填写用户编号）并选择代办事项', icon: 'none' });
    }
    try {
      const done = await call('identity', 'proxy.grant', { agentUserId: agentUserId.trim(), scopes });
      void Taro.showToast({ title: `已授权 ${done.agentName}`, icon: 'success' });
      setAgent('');
      setInvite(null);
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
      {invite && (
        <View className="card proxy-invite" data-testid="proxy-invite">
          <View className="card-title">「{invite.name}」想帮您代办</View>
          <View className="muted">请选择允许对方代您办理的事项。授权后随时可以在本页撤销，每次代办都会记录。</View>
          <ScopeChips scopes={scopes} onChange={setScopes} />
          <View className="action-row" data-testid="proxy-invite-accept">
            <Button type="primary" block onClick={() => void grant(invite.agent)}>
              同意授权
            </Button>
          </View>
          <Button block fill="none" onClick={() => setInvite(null)}>
            不同意
          </Button>
        </View>
      )}

      <View className="card" data-testid="proxy-my-qr">
        <View className="card-title">我来帮家人代办</View>
        <View className="muted">请家人用微信扫一扫下面的二维码（或把本页分享给家人），由家人本人点「同意授权」。</View>
        {me && <Qr text={inviteLink(me.userId, me.nickname)} size={180} label="请家人扫码授权我代办" />}
        {process.env.TARO_ENV === 'weapp' && (
          <Button block openType="share">
            分享给家人
          </Button>
        )}
      </View>

      <View className="card">
        <View className="card-title">授权家人或网格员代办</View>
        <View className="muted">扫对方「代办」页上的二维码即可，不用记编号。</View>
        {process.env.TARO_ENV === 'weapp' && (
          <View data-testid="proxy-scan">
            <Button type="primary" block onClick={() => void scan()}>
              扫码授权
            </Button>
          </View>
        )}
        {!manual ? (
          <Button block fill="none" onClick={() => setManual(true)}>
            没有二维码？输入对方的用户编号
          </Button>
        ) : (
          <>
            <View className="muted">
              我的用户编号：
              <Text className="proxy-id" data-testid="proxy-my-id" userSelect>
                {me?.userId ?? '…'}
              </Text>
            </View>
            <View data-testid="proxy-agent" className="proxy-input">
              <Input
                value={agent}
                onChange={setAgent}
                maxLength={64}
                placeholder="对方的用户编号"
                aria-label="对方的用户编号"
              />
            </View>
            <ScopeChips scopes={scopes} onChange={setScopes} />
            <View data-testid="proxy-grant">
              <Button type="primary" block onClick={() => void grant(agent)}>
                授权
              </Button>
            </View>
          </>
        )}
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

function ScopeChips({ scopes, onChange }: { scopes: Scope[]; onChange: (next: Scope[]) => void }) {
  return (
    <View className="chips">
      {SCOPES.map((s) => (
        <View
          key={s.key}
          role="checkbox"
          aria-checked={scopes.includes(s.key)}
          className={`chip ${scopes.includes(s.key) ? 'chip-active' : ''}`}
          data-testid={`proxy-scope-${s.key}`}
          onClick={() => onChange(scopes.includes(s.key) ? scopes.filter((x) => x !== s.key) : [...scopes, s.key])}
        >
          {s.label}
        </View>
      ))}
    </View>
  );
}
