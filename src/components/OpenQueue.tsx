import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { OpenQueue as Queue } from '../hooks/useOpenQueue';
import type { Page } from '../hooks/usePaged';
import { Chips } from './Chips';
import { StateView } from './StateView';
import { LoadMore } from './ui';

export interface OpenQueueRow<T> {
  title: (item: T) => ReactNode;
  badge: (item: T) => ReactNode;
  meta: (item: T) => ReactNode;
  /** The muted link that opens a closed row ("办理 ›"). */
  openLabel: string;
  /** What an open row shows below its head: the item's detail and its step. */
  body: (item: T) => ReactNode;
}

/**
 * The desks' one layout (tip desk, service window, sage review): status chips, then a paged list
 * of cards, each opened in place under its head. Test ids: `<prefix>-filters`, `<prefix>-queue`
 * and one `rowTestId` per card.
 */
export function OpenQueue<F extends string, P extends Page<{ id: string }>>(
  props: {
    queue: Queue<F, P>;
    filters: ReadonlyArray<{ id: F; label: string }>;
    prefix: string;
    rowTestId: string;
    emptyText: string;
  } & OpenQueueRow<P['items'][number]>,
) {
  const { queue } = props;
  return (
    <>
      <Chips
        items={props.filters.map((f) => ({ key: f.id, label: f.label, id: f.id }))}
        active={queue.filter}
        onPick={(f) => queue.pick(f.id)}
        testid={`${props.prefix}-filters`}
      />
      <StateView remote={queue.list.remote} isEmpty={(p) => p.items.length === 0} emptyText={props.emptyText}>
        {(p) => (
          <View data-testid={`${props.prefix}-queue`}>
            {p.items.map((item) => (
              <View key={item.id} className="card" data-testid={props.rowTestId}>
                <View className="row-head" onClick={() => queue.toggle(item.id)}>
                  <Text className="name">{props.title(item)}</Text>
                  <Text className="badge">{props.badge(item)}</Text>
                </View>
                <Text className="muted">{props.meta(item)}</Text>
                {queue.open === item.id ? (
                  props.body(item)
                ) : (
                  <Text className="muted" onClick={() => queue.setOpen(item.id)}>
                    {props.openLabel}
                  </Text>
                )}
              </View>
            ))}
            <LoadMore hasMore={p.hasMore} loading={queue.list.loadingMore} onMore={() => void queue.list.loadMore()} />
          </View>
        )}
      </StateView>
    </>
  );
}
