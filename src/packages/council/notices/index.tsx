import { Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { AUDIENCE_LABELS, MEETING_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { formatSpan } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';

export default function Notices() {
  const list = usePaged((skip) => call('deliberation', 'notices.list', { skip, limit: 10 }));
  // Coming back from a notice refreshes its unread mark.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无议事公告">
        {(data) => (
          <>
            <View className="muted" data-testid="notices-unread">
              {data.unreadCount > 0 ? `${data.unreadCount} 条未读` : '全部已读'}
            </View>
            {data.items.map((m) => (
              <View
                key={m.id}
                className="council-item"
                data-testid="notice-item"
                data-unread={m.unread ? 'true' : 'false'}
                onClick={() => void Taro.navigateTo({ url: `/packages/council/meeting/index?id=${m.id}` })}
              >
                <View className="council-item-title">
                  {m.unread && <View className="council-unread" role="img" aria-label="未读" />}
                  <Text>{m.title}</Text>
                </View>
                <View className="council-line">
                  {m.format} · {formatSpan(m.startsAt, m.endsAt)}
                </View>
                <View className="council-line">地点：{m.place}</View>
                <View className="council-tags">
                  <Tag type={m.status === 'published' ? 'primary' : m.status === 'held' ? 'success' : 'default'}>
                    {MEETING_STATUS_LABELS[m.status]}
                  </Tag>
                  <Tag plain>{AUDIENCE_LABELS[m.audience]}</Tag>
                  {m.registrationLimit !== null && (
                    <Tag plain>
                      已报名 {m.registeredCount}/{m.registrationLimit}
                    </Tag>
                  )}
                  {m.outcomeCount > 0 && <Tag type="success" plain>{`议定 ${m.outcomeCount} 项`}</Tag>}
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
