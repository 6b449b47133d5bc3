import { Badge, Button, Cell, Empty, Loading } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { ApiError, call } from '../../../services/client';
import { askSubscription } from '../../../services/subscribe';
import './index.scss';
import { Page } from '../../../components/Page';

type Message = ActionOutput<'inbox', 'list'>['items'][number];
const PAGE = 20;

export default function Messages() {
  const [items, setItems] = useState<Message[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (reset: boolean) => {
      setLoading(true);
      try {
        const skip = reset ? 0 : items.length;
        const page = await call('inbox', 'list', { unreadOnly: false, skip, limit: PAGE });
        setItems((current) => (reset ? page.items : [...current, ...page.items]));
        setHasMore(page.hasMore);
        setError(undefined);
      } catch (caught) {
        setError(caught instanceof ApiError ? caught.message : '加载失败');
      } finally {
        setLoading(false);
      }
    },
    [items.length],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: first page once on open
  useEffect(() => {
    void load(true);
  }, []);
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (hasMore && !loading) void load(false);
  });

  const open = async (message: Message) => {
    if (!message.read) {
      setItems((current) => current.map((m) => (m.id === message.id ? { ...m, read: true } : m)));
      void call('inbox', 'markRead', { ids: [message.id] }).catch(() => undefined);
    }
    if (message.link) await Taro.navigateTo({ url: message.link }).catch(() => undefined);
  };
  const subscribe = async () => {
    const accepted = await askSubscription(['report.progress', 'redemption.approved', 'meeting.reminder']);
    void Taro.showToast({ title: accepted > 0 ? `已开启 ${accepted} 类通知` : '未开启通知', icon: 'none' });
  };
  const readAll = async () => {
    await call('inbox', 'markRead', { all: true });
    setItems((current) => current.map((m) => ({ ...m, read: true })));
  };

  return (
    <Page className="messages">
      <View className="messages-actions">
        {process.env.TARO_ENV === 'weapp' && (
          <Button size="small" onClick={() => void subscribe()}>
            开启微信通知
          </Button>
        )}
        {items.some((m) => !m.read) && (
          <Button size="small" onClick={() => void readAll()}>
            全部标为已读
          </Button>
        )}
      </View>
      {error && items.length === 0 ? (
        <View className="state" role="alert">
          <Empty status="error" title="加载失败" description={error} />
          <Button type="primary" size="small" onClick={() => void load(true)}>
            重试
          </Button>
        </View>
      ) : items.length === 0 && !loading ? (
        <Empty status="empty" description="暂无消息" />
      ) : (
        <Cell.Group>
          {items.map((message) => (
            <View key={message.id} data-testid="message" data-read={message.read ? 'true' : 'false'}>
              <Cell
                title={
                  <View className="message-title">
                    {!message.read && <Badge dot aria-label="未读" />}
                    <Text className={message.read ? 'read' : 'unread'}>{message.title}</Text>
                  </View>
                }
                description={message.body}
                extra={dayjs(message.createdAt).format('MM-DD HH:mm')}
                clickable
                onClick={() => void open(message)}
              />
            </View>
          ))}
        </Cell.Group>
      )}
      {loading && (
        <View className="state">
          <Loading>加载中…</Loading>
        </View>
      )}
      {!hasMore && items.length > 0 && <View className="muted end">没有更多了</View>}
    </Page>
  );
}
