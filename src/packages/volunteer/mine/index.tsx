import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { StateView } from '../../../components/StateView';
import { formatTime, go, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

export default function MySignups() {
  const list = usePaged((skip) => call('timebank', 'signups.mine', { skip, limit: 20 }));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有报名活动">
        {(d) => (
          <>
            {d.items.map((s) => (
              <View
                key={s.id}
                className="vt-card"
                data-testid="signup-item"
                onClick={() => go(`/packages/volunteer/activity/index?id=${s.activityId}`)}
              >
                <View className="vt-title">
                  {s.activity.title}
                  {s.activity.status === 'cancelled' ? (
                    <Tag type="danger">活动已取消</Tag>
                  ) : (
                    <Tag type={s.status === 'signed' ? 'success' : s.status === 'waiting' ? 'warning' : 'default'}>
                      {s.confirmedAt ? '已确认' : s.statusLabel}
                    </Tag>
                  )}
                </View>
                <View className="muted">
                  {formatTime(s.activity.startsAt)} · {s.activity.place}
                </View>
                {s.activity.status === 'cancelled' && s.activity.cancelReason && (
                  <View className="muted">取消原因：{s.activity.cancelReason}</View>
                )}
                {s.confirmedAt && (
                  <View className="muted">
                    确认 {s.confirmedMinutes} 分钟 · {s.points} 积分
                  </View>
                )}
                {s.dispute && <View className="muted">{s.dispute.statusLabel}</View>}
                {s.activity.status !== 'cancelled' && s.status === 'signed' && !s.checkOutAt && (
                  <View
                    className="vt-actions"
                    data-testid="signup-checkin"
                    onClick={(e) => {
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
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
