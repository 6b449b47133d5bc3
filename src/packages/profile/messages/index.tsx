import { Badge, Button, Cell } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import dayjs from 'dayjs';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { acknowledge, confirm } from '../../../components/confirm';
import { StateView } from '../../../components/StateView';
import { VirtualPagedList } from '../../../components/VirtualPagedList';
import { PAGE_SIZE, usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { askSubscription } from '../../../services/subscribe';
import './index.scss';
import { Page } from '../../../components/Page';

type Message = ActionOutput<'inbox', 'list'>['items'][number];
/** A message row in design px, gap included: title and two lines of body. */
const MESSAGE_ROW_HEIGHT = 96;
const MESSAGE_ROW_HEIGHT_CARE = 124;

export default function Messages() {
  const list = usePaged((skip) => call('inbox', 'list', { unreadOnly: false, skip, limit: PAGE_SIZE }));
  const items = list.data?.items ?? [];

  // The list shows two lines of each message; a tap opens the whole text (and its page, if any).
  const open = async (message: Message) => {
    if (!message.read) {
      list.update((current) => current.map((m) => (m.id === message.id ? { ...m, read: true } : m)));
      void call('inbox', 'markRead', { ids: [message.id] }).catch(() => undefined);
    }
    const content = <FullMessage message={message} />;
    if (!message.link) return acknowledge({ title: message.title, content });
    if (await confirm({ title: message.title, content, confirmText: '查看详情', cancelText: '关闭' })) {
      await Taro.navigateTo({ url: message.link }).catch(() => undefined);
    }
  };
  const subscribe = async () => {
    const accepted = await askSubscription(['report.progress', 'redemption.approved', 'meeting.reminder']);
    void Taro.showToast({ title: accepted > 0 ? `已开启 ${accepted} 类通知` : '未开启通知', icon: 'none' });
  };
  const readAll = async () => {
    await call('inbox', 'markRead', { all: true });
    list.update((current) => current.map((m) => ({ ...m, read: true })));
  };
  const anyUnread = items.some((m) => !m.read);
  const showSubscribe = process.env.TARO_ENV === 'weapp';

  return (
    <Page className="messages">
      {(showSubscribe || anyUnread) && (
        <View className="messages-actions">
          {showSubscribe && (
            <Button size="small" onClick={() => void subscribe()}>
              开启微信通知
            </Button>
          )}
          {anyUnread && (
            <Button size="small" onClick={() => void readAll()}>
              全部标为已读
            </Button>
          )}
        </View>
      )}
      <StateView remote={list.remote} isEmpty={(data) => data.items.length === 0} emptyText="暂无消息">
        {(data) => (
          <VirtualPagedList
            layoutKey={String(showSubscribe || anyUnread)}
            testId="message-list"
            items={data.items}
            itemHeight={MESSAGE_ROW_HEIGHT}
            careItemHeight={MESSAGE_ROW_HEIGHT_CARE}
            hasMore={data.hasMore}
            loadingMore={list.loadingMore}
            onLoadMore={() => void list.loadMore()}
            renderItem={(message) => (
              <View
                className="message-row"
                data-testid="message"
                data-id={message.id}
                data-read={message.read ? 'true' : 'false'}
              >
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
            )}
          />
        )}
      </StateView>
    </Page>
  );
}

/** The whole text of one message, with its full date. */
function FullMessage({ message }: { message: Message }) {
  return (
    <View className="message-full" data-testid="message-full">
      <Text>{message.body}</Text>
      <Text className="muted">{dayjs(message.createdAt).format('YYYY-MM-DD HH:mm')}</Text>
    </View>
  );
}
