import { Button, Cell, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Qr } from '../../../components/Qr';
import type { Invite } from './useInvite';
import { inviteLink } from './useInvite';

export type Scope = 'reports' | 'redeem' | 'meetings';
const SCOPES: { key: Scope; label: string }[] = [
  { key: 'reports', label: '随手拍上报' },
  { key: 'redeem', label: '绿币兑换' },
  { key: 'meetings', label: '议事会报名' },
];
type Grants = ActionOutput<'identity', 'proxy.list'>;
type Me = { userId: string; nickname: string } | undefined;

/** Several may be chosen (checkboxes), unlike the single-choice Chips. */
export function ScopeChips({ scopes, onChange }: { scopes: Scope[]; onChange: (next: Scope[]) => void }) {
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

export interface ScopeChoice {
  scopes: Scope[];
  setScopes: (next: Scope[]) => void;
}

/** Opened from a helper's code: what they may do, and this person's yes or no. */
export function InviteCard(props: {
  invite: Invite;
  choice: ScopeChoice;
  onAccept: () => void;
  onDecline: () => void;
}) {
  return (
    <View className="card proxy-invite" data-testid="proxy-invite">
      <View className="card-title">「{props.invite.name}」想帮您代办</View>
      <View className="muted">请选择允许对方代您办理的事项。授权后随时可以在本页撤销，每次代办都会记录。</View>
      <ScopeChips scopes={props.choice.scopes} onChange={props.choice.setScopes} />
      <View className="action-row" data-testid="proxy-invite-accept">
        <Button type="primary" block onClick={props.onAccept}>
          同意授权
        </Button>
      </View>
      <Button block fill="none" onClick={props.onDecline}>
        不同意
      </Button>
    </View>
  );
}

/** The helper's own code for a family member to scan (or the page to share, in weapp). */
export function MyQrCard({ me }: { me: Me }) {
  return (
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
  );
}

/** Authorising someone: scan their code, or type their user id. */
export function GrantCard(props: {
  me: Me;
  choice: ScopeChoice;
  onScan: () => void;
  onGrant: (agent: string) => Promise<boolean>;
}) {
  const [manual, setManual] = useState(false);
  const [agent, setAgent] = useState('');
  const grant = async () => {
    if (await props.onGrant(agent)) setAgent('');
  };
  return (
    <View className="card">
      <View className="card-title">授权家人或网格员代办</View>
      <View className="muted">扫对方「代办」页上的二维码即可，不用记编号。</View>
      {process.env.TARO_ENV === 'weapp' && (
        <View data-testid="proxy-scan">
          <Button type="primary" block onClick={props.onScan}>
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
              {props.me?.userId ?? '…'}
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
          <ScopeChips scopes={props.choice.scopes} onChange={props.choice.setScopes} />
          <View data-testid="proxy-grant">
            <Button type="primary" block onClick={() => void grant()}>
              授权
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

/** Whom I let act for me (each revocable at once), and who lets me act for them. */
export function GrantsList({ data, onRevoke }: { data: Grants; onRevoke: (userId: string, name: string) => void }) {
  return (
    <>
      <Cell.Group title="我授权的代办人">
        {data.given.length === 0 && <Cell title="还没有授权任何人" />}
        {data.given.map((g) => (
          <View key={g.userId} data-testid={`proxy-given-${g.userId}`}>
            <Cell
              title={g.name}
              description={g.scopeLabels.join('、')}
              extra={
                <Button size="small" type="danger" fill="outline" onClick={() => onRevoke(g.userId, g.name)}>
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
  );
}
