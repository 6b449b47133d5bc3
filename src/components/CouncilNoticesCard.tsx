import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { type Notices, takeNotices } from '../services/noticesPrefetch';
import './CouncilNoticesCard.scss';

/** 1月5日 19:00, China time: the home page only needs the day and hour. */
const when = (iso: string): string => {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
};

const open = (url: string) => void Taro.navigateTo({ url });

/**
 * 议事公告 on the home page: the latest notices, newest first, with this person's unread marks.
 * Refreshed each time the home page shows, so a notice read elsewhere loses its mark.
 */
export function CouncilNoticesCard() {
  // undefined while loading; null when it failed (the full list page shows errors, the home stays calm).
  const [notices, setNotices] = useState<Notices | null>();
  const load = useCallback(() => {
    // The request warmStart began beside identity.me (services/noticesPrefetch.ts), else a new one.
    void takeNotices().then(setNotices);
  }, []);
  // The card mounts after the page first shows (once the profile is in), so load on mount too.
  useEffect(load, [load]);
  useDidShow(load);
  // The card keeps its place (min-height in the stylesheet) from the first frame, loading or empty:
  // content arriving late must not push the function grid down (layout shift, issue 19).
  if (notices === undefined) return <View className="card council-home" data-testid="home-notices-pending" />;
  const items = notices?.items ?? [];
  return (
    <View className="card council-home" data-testid="home-notices">
      <View className="council-home-head" role="link" onClick={() => open('/packages/council/notices/index')}>
        <Text className="card-title">议事公告</Text>
        <Text className="muted">
          {notices && notices.unreadCount > 0 ? `${notices.unreadCount} 条未读 ›` : '全部 ›'}
        </Text>
      </View>
      {items.length === 0 && <Text className="muted council-home-empty">暂无新的议事公告</Text>}
      {items.map((m) => (
        <View
          key={m.id}
          className="council-home-item"
          data-testid="home-notice"
          data-unread={m.unread ? 'true' : 'false'}
          onClick={() => open(`/packages/council/meeting/index?id=${m.id}`)}
        >
          {m.unread && <View className="council-home-dot" role="img" aria-label="未读" />}
          <Text className="council-home-title">{m.title}</Text>
          <Text className="muted">
            {m.format} · {when(m.startsAt)}
          </Text>
        </View>
      ))}
    </View>
  );
}
