import { Text, View } from '@tarojs/components';
import { useRemote } from '../hooks/useRemote';
import { call } from '../services/client';
import './ProxyPicker.scss';

export type ProxyScope = 'reports' | 'redeem' | 'meetings';
export interface Principal {
  userId: string;
  name: string;
}

interface ProxyPickerProps {
  scope: ProxyScope;
  /** undefined = for myself. */
  value: Principal | undefined;
  onChange: (principal: Principal | undefined) => void;
  /** "代张阿姨兑换" */
  verb: string;
  testId: string;
}

/**
 * 为谁办理: shown only to a helper who holds a grant for this scope (identity proxy.grant);
 * everyone else sees nothing. The server re-checks the grant on every call.
 */
export function ProxyPicker({ scope, value, onChange, verb, testId }: ProxyPickerProps) {
  const grants = useRemote(() => call('identity', 'proxy.list', { limit: 50 }));
  const principals = (grants.data?.received ?? []).filter((g) => g.scopes.includes(scope));
  if (principals.length === 0) return null;
  return (
    <View className="card proxy-picker" data-testid={testId}>
      <View className="card-title">为谁办理</View>
      <View className="proxy-chips" role="radiogroup" aria-label="为谁办理">
        <View
          role="radio"
          aria-checked={!value}
          className={`proxy-chip ${value ? '' : 'proxy-chip-active'}`}
          data-testid={`${testId}-self`}
          onClick={() => onChange(undefined)}
        >
          我自己
        </View>
        {principals.map((p) => (
          <View
            key={p.userId}
            role="radio"
            aria-checked={value?.userId === p.userId}
            className={`proxy-chip ${value?.userId === p.userId ? 'proxy-chip-active' : ''}`}
            data-testid={`${testId}-${p.userId}`}
            onClick={() => onChange({ userId: p.userId, name: p.name })}
          >
            代{p.name}
            {verb}
          </View>
        ))}
      </View>
      {value && <Text className="muted">将以「{value.name}」的名义办理，记入对方的代办记录，对方会收到通知。</Text>}
    </View>
  );
}
