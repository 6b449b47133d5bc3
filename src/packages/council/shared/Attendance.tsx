import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { formatDateTime } from './format';

/** Staff's roll of who registered and who checked in (phones masked). */
export function Attendance({ meetingId }: { meetingId: string }) {
  const roll = usePaged(
    (skip) => call('deliberation', 'meeting.attendance', { meetingId, skip, limit: 20 }),
    [meetingId],
  );
  return (
    <View className="card" data-testid="attendance">
      <View className="card-title">报名和签到名单</View>
      <StateView remote={roll} isEmpty={(d) => d.items.length === 0} emptyText="还没有人报名">
        {(data) => (
          <>
            <View className="muted">
              报名 {data.registeredCount} 人，已签到 {data.checkedInCount} 人
            </View>
            {data.items.map((p) => (
              <View key={p.id} className="council-tags" style={{ alignItems: 'center' }}>
                <View className="council-line">{p.nickname}</View>
                {p.phoneMasked && <View className="muted">{p.phoneMasked}</View>}
                <Tag type={p.checkedInAt ? 'success' : 'default'} plain={!p.checkedInAt}>
                  {p.checkedInAt ? `已签到 ${formatDateTime(p.checkedInAt)}` : '未签到'}
                </Tag>
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={roll.loadingMore} onMore={() => void roll.loadMore()} />
            <Button size="small" fill="none" onClick={() => void roll.reload()}>
              刷新名单
            </Button>
          </>
        )}
      </StateView>
    </View>
  );
}
