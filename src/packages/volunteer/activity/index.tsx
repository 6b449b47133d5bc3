import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act } from '../../../components/ui';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { usePullRefresh } from '../shared/parts';
import '../shared/volunteer.scss';
import { CloseActivityDialog, DisputeDialog } from './forms';
import { ActivityInfo, MySignup, OrganiserCard } from './sections';

/** The activity, reloaded when shown again (back from check-in) and on pull-down; sign up and cancel. */
function useActivity(activityId: string) {
  const remote = useRemote(() => call('timebank', 'activity.get', { activityId }), [activityId]);
  useReloadOnShow(remote.reload);
  usePullRefresh(remote.reload);
  const signUp = async () => {
    if (await act(() => call('timebank', 'activity.signUp', { activityId }), '报名成功')) await remote.reload();
  };
  const cancelSignUp = async () => {
    const ok = await confirm({
      title: '取消报名',
      content: '取消后名额会让给候补的志愿者，确定取消吗？',
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (ok && (await act(() => call('timebank', 'activity.cancelSignUp', { activityId }), '已取消报名')))
      await remote.reload();
  };
  return { remote, signUp, cancelSignUp };
}

export default function ActivityDetail() {
  const id = useRouter().params.id ?? '';
  const { remote, signUp, cancelSignUp } = useActivity(id);
  const [form, setForm] = useState<'close' | 'dispute'>();
  const closeForm = () => setForm(undefined);
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => (
          <>
            <ActivityInfo a={d.activity} organizerRole={d.organizerRole} />
            <MySignup
              d={d}
              onSignUp={() => void signUp()}
              onCancel={() => void cancelSignUp()}
              onDispute={() => setForm('dispute')}
            />
            {d.canOrganise && d.activity.status !== 'cancelled' && (
              <OrganiserCard activityId={id} onClose={() => setForm('close')} />
            )}
          </>
        )}
      </StateView>
      <CloseActivityDialog activityId={id} visible={form === 'close'} onClose={closeForm} onDone={remote.reload} />
      <DisputeDialog activityId={id} visible={form === 'dispute'} onClose={closeForm} onDone={remote.reload} />
    </Page>
  );
}
