import { Button, Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import { canScan, scanQr } from '../../../services/scan';

type Step = 'attendance.checkIn' | 'attendance.checkOut';

/** The code field, 签到/签退, and 扫码 where the phone can scan: both feed the same action. */
export function CodeEntry(props: { activityId: string; checkingIn: boolean; onDone: () => Promise<void> }) {
  const { activityId, checkingIn } = props;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const word = checkingIn ? '签到' : '签退';
  const step = async (typed: string) => {
    if (!/^\d{6}$/.test(typed)) {
      void Taro.showToast({ title: '请输入 6 位数字签到码', icon: 'none' });
      return;
    }
    const action: Step = checkingIn ? 'attendance.checkIn' : 'attendance.checkOut';
    setBusy(true);
    const ok = await act(() => call('timebank', action, { activityId, code: typed }), `${word}成功`);
    setBusy(false);
    if (ok) {
      setCode('');
      await props.onDone();
    }
  };
  const scan = async () => {
    const p = await scanQr('checkin');
    if (!p) return;
    if (p.activityId !== activityId) {
      void Taro.showToast({ title: '这是另一个活动的签到码', icon: 'none' });
      return;
    }
    await step(p.code);
  };
  return (
    <>
      <Field label="签到码（组织者出示，每 2 分钟更换）" testId="checkin-code" classPrefix="vt">
        <Input
          className="vt-input vt-code-input"
          type="digit"
          maxLength={6}
          value={code}
          placeholder="6 位签到码"
          onChange={(v) => setCode(v)}
        />
      </Field>
      <View className="vt-actions" data-testid="checkin-submit">
        <Button type="primary" size="large" loading={busy} disabled={busy} onClick={() => void step(code.trim())}>
          {word}
        </Button>
      </View>
      {canScan() && (
        <View className="vt-actions" data-testid="checkin-scan">
          <Button fill="outline" size="large" disabled={busy} onClick={() => void scan()}>
            扫码{word}
          </Button>
        </View>
      )}
      <View className="muted">活动开始前 1 小时至结束后 2 小时内可签到签退；签到码输错 5 次后请找组织者确认时长。</View>
    </>
  );
}
