import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { MyRecords, SageApplyForm, StandardsCard } from './parts';
import '../../services/shared/services.scss';

/** Statuses of an application still under way: one at a time. */
const OPEN = ['applied', 'qualified'];

/** The published standards and procedure, my application's progress and my term; apply when none is open. */
export default function ApplySage() {
  const standards = useRemote(() => call('sages', 'standards', {}));
  const mine = useRemote(() => call('sages', 'mine', {}));
  usePullDownRefresh(() => {
    void Promise.all([standards.reload(), mine.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page className="services">
      <StateView remote={standards}>{(s) => <StandardsCard s={s} />}</StateView>
      <StateView remote={mine}>
        {(m) => {
          const open = m.applications.some((a) => OPEN.includes(a.status));
          const active = m.appointments.some((a) => a.status === 'active');
          return (
            <View>
              <MyRecords m={m} />
              {!open && !active && (
                <SageApplyForm
                  onApplied={() => {
                    void Taro.showToast({ title: '已提交申请', icon: 'success' });
                    void mine.reload();
                  }}
                />
              )}
            </View>
          );
        }}
      </StateView>
    </Page>
  );
}
