import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { formatTime, go } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { call } from '../../../services/client';
import { PagedCards } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';

type Signup = TbItem<'signups.mine'>;

const SIGNUP_TAG = { signed: 'success', waiting: 'warning' } as const;

function SignupCard({ s }: { s: Signup }) {
  const cancelled = s.activity.status === 'cancelled';
  return (
    <View
      className="vt-card"
      data-testid="signup-item"
      onClick={() => go(`/packages/volunteer/activity/index?id=${s.activityId}`)}
    >
      <View className="vt-title">
        {s.activity.title}
        {cancelled ? (
          <Tag type="danger">活动已取消</Tag>
        ) : (
          <Tag type={SIGNUP_TAG[s.status as keyof typeof SIGNUP_TAG] ?? 'default'}>
            {s.confirmedAt ? '已确认' : s.statusLabel}
          </Tag>
        )}
      </View>
      <View className="muted">
        {formatTime(s.activity.startsAt)} · {s.activity.place}
      </View>
      {cancelled && s.activity.cancelReason && <View className="muted">取消原因：{s.activity.cancelReason}</View>}
      {s.confirmedAt && (
        <View className="muted">
          确认 {s.confirmedMinutes} 分钟 · {s.points} 积分
        </View>
      )}
      {s.dispute && <View className="muted">{s.dispute.statusLabel}</View>}
      {!cancelled && s.status === 'signed' && !s.checkOutAt && (
        <View
          className="vt-actions"
          data-testid="signup-checkin"
          onClick={(e) => {
            // The card opens the activity; this button goes straight to check-in instead.
            e.stopPropagation();
            go(`/packages/volunteer/checkin/index?id=${s.activityId}`);
          }}
        >
          <Button type="primary" fill="outline">
            {s.checkInAt ? '签退' : '签到'}
          </Button>
        </View>
      )}
    </View>
  );
}

export default function MySignups() {
  const list = usePaged((skip) => call('timebank', 'signups.mine', { skip, limit: 20 }));
  useReloadOnShow(list.reload);
  return (
    <Page>
      <PagedCards list={list} emptyText="还没有报名活动">
        {(s) => <SignupCard key={s.id} s={s} />}
      </PagedCards>
    </Page>
  );
}
