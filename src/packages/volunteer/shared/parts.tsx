import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { StateView } from '../../../components/StateView';
import { go, LoadMore } from '../../../components/ui';
import type { Page } from '../../../hooks/usePaged';
import type { Remote } from '../../../hooks/useRemote';
import { clockText } from './format';

/** Pull-down reloads everything the page shows, and the spinner stops once all have answered. */
export function usePullRefresh(...reloads: Array<() => Promise<void>>): void {
  usePullDownRefresh(() => {
    void Promise.all(reloads.map((reload) => reload())).finally(() => Taro.stopPullDownRefresh());
  });
}

/** What `usePaged` gives a list of cards. */
interface PagedList<P extends Page<unknown>> {
  remote: Remote<P>;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
}

/**
 * A paged list of cards with its loading / error / empty states and the "加载更多" foot: every
 * volunteer list (activities, sign-ups, roster, queue, disputes, requests) is this with its own card.
 */
export function PagedCards<P extends Page<unknown>>(props: {
  list: PagedList<P>;
  emptyText: string;
  children: (item: P['items'][number]) => ReactNode;
}) {
  const { list } = props;
  return (
    <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText={props.emptyText}>
      {(d) => (
        <>
          {d.items.map((item) => props.children(item))}
          <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
        </>
      )}
    </StateView>
  );
}

/** Two or three statuses a staff queue is filtered by, one button each, the chosen one filled. */
export function StatusButtons<K extends string>(props: {
  options: ReadonlyArray<{ key: K; label: string }>;
  value: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className="vt-links">
      {props.options.map((o) => (
        <Button key={o.key} type={props.value === o.key ? 'primary' : 'default'} onClick={() => props.onChange(o.key)}>
          {o.label}
        </Button>
      ))}
    </View>
  );
}

export interface NavLink {
  label: string;
  url: string;
  primary?: boolean;
}

/** The row of buttons that lead to the package's other pages. */
export function NavButtons(props: { links: readonly NavLink[]; small?: boolean }) {
  return (
    <View className="vt-links">
      {props.links.map((l) => (
        <Button
          key={l.url}
          size={props.small ? 'small' : 'normal'}
          {...(l.primary ? { type: 'primary' as const } : { fill: 'outline' as const })}
          onClick={() => go(l.url)}
        >
          {l.label}
        </Button>
      ))}
    </View>
  );
}

/** "签到 09:02 · 签退 11:58", as the organiser's and staff's cards show an attendance. */
export function InOutTimes(props: { checkInAt: string | null; checkOutAt: string | null; extra?: string }) {
  return (
    <View className="muted">
      签到 {clockText(props.checkInAt)} · 签退 {clockText(props.checkOutAt)}
      {props.extra ?? ''}
    </View>
  );
}
