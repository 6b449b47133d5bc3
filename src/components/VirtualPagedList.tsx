import { VirtualList } from '@nutui/nutui-react-taro';
import { CustomWrapper, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useCare } from '../hooks/useCare';
import './VirtualPagedList.scss';

/** The design width our px are written against (config designWidth); rpx/rem scale from it. */
const DESIGN_WIDTH = 375;
/** The page's bottom padding (.page), kept free so the page itself never scrolls. */
const PAGE_BOTTOM = 24;
let anchors = 0;
const FOOTER = Symbol('footer');

interface VirtualPagedListProps<T> {
  items: T[];
  /** Height of one row in design px, its bottom gap included; rows are clipped to it. */
  itemHeight: number;
  /** The same in 关怀模式, whose larger text needs taller rows. */
  careItemHeight?: number;
  renderItem: (item: T, index: number) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  /** Asks for the next page; called repeatedly while the end is in view, so it must be idempotent. */
  onLoadMore: () => void;
  testId?: string;
  /** Changes whenever what sits above the list changes height, so the list re-measures its space. */
  layoutKey?: string;
}

function windowSize(): { width: number; height: number } {
  const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
  return { width: info.windowWidth || DESIGN_WIDTH, height: info.windowHeight || 667 };
}

/**
 * A long list that renders only the rows in view (NutUI's VirtualList, a ScrollView on both weapp
 * and h5) and asks for the next server page when the end comes into view. It fills the page from
 * where it starts down to the bottom, so the page above it (tabs, actions) stays put.
 */
export function VirtualPagedList<T>({
  items,
  itemHeight,
  careItemHeight = itemHeight,
  renderItem,
  hasMore,
  loadingMore,
  onLoadMore,
  testId = 'virtual-list',
  layoutKey = '',
}: VirtualPagedListProps<T>) {
  // One id per list: h5 keeps earlier pages of the stack in the document.
  const [anchorId] = useState(() => `virtual-paged-list-${++anchors}`);
  const size = useMemo(windowSize, []);
  // CSS px become rpx (weapp) or rem (h5) scaled to the screen width; the scroll maths is in real px.
  const care = useCare();
  const rowHeight = Math.round(((care ? careItemHeight : itemHeight) * size.width) / DESIGN_WIDTH);
  const [height, setHeight] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey only says when to measure again
  useEffect(() => {
    // The anchor sits outside the CustomWrapper, so the page-level query reaches it on weapp too.
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${anchorId}`)
        .boundingClientRect((rect) => {
          const top = (Array.isArray(rect) ? rect[0]?.top : rect?.top) ?? 0;
          setHeight(Math.max(rowHeight * 2, Math.floor(size.height - top - PAGE_BOTTOM)));
        })
        .exec();
    });
  }, [anchorId, rowHeight, size.height, layoutKey]);

  // The footer is one more row, so "加载中…" / "没有更多了" scrolls in with the list.
  const rows = useMemo<Array<T | typeof FOOTER>>(() => [...items, FOOTER], [items]);
  const renderRow = (row: T | typeof FOOTER, index: number) =>
    row === FOOTER ? (
      <View className="virtual-paged-list-footer" data-testid={hasMore ? `${testId}-more` : `${testId}-end`}>
        {loadingMore ? '加载中…' : hasMore ? '上滑加载更多' : '没有更多了'}
      </View>
    ) : (
      renderItem(row, index)
    );
  // A list that fits the screen needs no scroller of its own (NutUI's would pad it by the overscan).
  const fits = rows.length * rowHeight <= height;
  const list =
    height > 0 &&
    (fits ? (
      <View className="virtual-paged-list">
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own here; the list only appends
          <View key={index} style={{ height: `${rowHeight}px` }}>
            {renderRow(row, index)}
          </View>
        ))}
      </View>
    ) : (
      <VirtualList
        className="virtual-paged-list"
        list={rows}
        itemHeight={rowHeight}
        itemEqual
        margin={0}
        overscan={2}
        containerHeight={height}
        itemRender={renderRow}
        onScroll={() => {
          if (hasMore && !loadingMore) onLoadMore();
        }}
      />
    ));
  return (
    <View data-testid={testId}>
      <View id={anchorId} />
      {/* weapp: the list's updates are set on this native component, with short data paths, not on the whole page. */}
      {process.env.TARO_ENV === 'weapp' ? <CustomWrapper>{list}</CustomWrapper> : list}
    </View>
  );
}
