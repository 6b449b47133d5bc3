import { Button, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { MEETING_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { Choice } from '../shared/Choice';
import { Figures } from '../shared/Figures';
import { formatSpan } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { useCouncilRoles } from '../shared/roles';

type Status = 'draft' | 'published' | 'held' | 'cancelled';
const FILTERS: Array<{ value: Status | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'held', label: '已召开' },
];

/** Staff (and supervisors, read-only) see every meeting, drafts included. */
export default function ManageMeetings() {
  const [filter, setFilter] = useState<Status | 'all'>('all');
  const { isStaff } = useCouncilRoles();
  const list = usePaged(
    (skip) =>
      call('deliberation', 'meeting.list', { skip, limit: 10, ...(filter === 'all' ? {} : { status: filter }) }),
    [filter],
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      {isStaff && (
        <View className="council-actions" data-testid="create-meeting">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/council/create/index' })}>
            新建会议
          </Button>
        </View>
      )}
      <Figures />
      <Choice options={FILTERS} value={filter} onChange={setFilter} />
      <View className="council-tags">
        <Button
          size="small"
          fill="none"
          onClick={() => void Taro.navigateTo({ url: '/packages/council/topics/index' })}
        >
          居民议题
        </Button>
        <Button size="small" fill="none" onClick={() => void Taro.navigateTo({ url: '/packages/council/board/index' })}>
          公开栏
        </Button>
        <Button
          size="small"
          fill="none"
          onClick={() => void Taro.navigateTo({ url: '/packages/council/opinions/index' })}
        >
          监督意见
        </Button>
      </View>
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="还没有会议">
        {(data) => (
          <>
            {data.items.map((m) => (
              <View
                key={m.id}
                className="council-item"
                data-testid="manage-item"
                onClick={() => void Taro.navigateTo({ url: `/packages/council/meeting/index?id=${m.id}` })}
              >
                <View className="council-item-title">
                  <Text>{m.title}</Text>
                </View>
                <View className="council-line">
                  {m.format} · {formatSpan(m.startsAt, m.endsAt)}
                </View>
                <View className="council-tags">
                  <Tag type={m.status === 'draft' ? 'warning' : 'primary'}>{MEETING_STATUS_LABELS[m.status]}</Tag>
                  <Tag plain>报名 {m.registeredCount}</Tag>
                </View>
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
