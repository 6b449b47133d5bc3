import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Qr } from '../../../components/Qr';
import { StateView } from '../../../components/StateView';
import { formatClock } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { qrText } from '../../../services/qr';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

/** Shown on the organiser's phone at the venue; refreshed often so a code read from home is stale. */
export default function ShowCode() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('timebank', 'attendance.code', { activityId: id }), [id]);
  const { reload } = remote;
  useEffect(() => {
    const timer = setInterval(() => void reload(), 10_000);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => (
          <View className="vt-card">
            <View className="muted">请志愿者在「签到签退」页扫描二维码，或输入以下签到码</View>
            <Qr text={qrText({ kind: 'checkin', activityId: id, code: d.code })} size={220} label="签到二维码" />
            <View className="vt-code" data-testid="checkin-code-shown">
              {d.code}
            </View>
            <View className="muted">本码 {formatClock(d.expiresAt)} 前有效，每 2 分钟自动更换</View>
          </View>
        )}
      </StateView>
    </Page>
  );
}
