import { NetworkError, Order } from '@nutui/icons-react-taro';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Remote } from '../hooks/useRemote';
import './StateView.scss';

interface StateViewProps<T> {
  remote: Remote<T>;
  /** When true for the loaded data, the empty state is shown instead of children. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/**
 * Pictures shipped with the app: NutUI's Empty loads its default images from a CDN, which on an
 * intranet or offline is nine failed requests and a broken-image box.
 */
const EMPTY_IMAGE = (
  <View className="state-image" aria-hidden="true">
    <Order size={56} color="#9aa5a0" />
  </View>
);
const ERROR_IMAGE = (
  <View className="state-image state-image-error" aria-hidden="true">
    <NetworkError size={56} color="#b3261e" />
  </View>
);

/** Loading, error (with retry) and empty states, the same on every page. */
export function StateView<T>({ remote, isEmpty, emptyText = '暂无内容', children }: StateViewProps<T>) {
  if (remote.loading && remote.data === undefined) {
    return (
      <View className="state-view" aria-busy="true">
        <Loading type="circular">加载中…</Loading>
      </View>
    );
  }
  if (remote.error && remote.data === undefined) {
    return (
      <View className="state-view" role="alert">
        <Empty image={ERROR_IMAGE} title="加载失败" description={remote.error.message} />
        <Button type="primary" size="small" onClick={() => void remote.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (remote.data === undefined) return null;
  if (isEmpty?.(remote.data)) {
    return (
      <View className="state-view">
        <Empty image={EMPTY_IMAGE} description={emptyText} />
      </View>
    );
  }
  return <>{children(remote.data)}</>;
}
