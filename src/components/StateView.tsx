import { NetworkError, Order, ShieldCheck, Warning } from '@nutui/icons-react-taro';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Remote } from '../hooks/useRemote';
import type { ApiError } from '../services/client';
import { goBack } from './NavBar';
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
const picture = (icon: ReactNode, alarm = false) => (
  <View className={alarm ? 'state-image state-image-error' : 'state-image'} aria-hidden="true">
    {icon}
  </View>
);
const EMPTY_IMAGE = picture(<Order size={56} color="#9aa5a0" />);
const ERROR_IMAGE = picture(<NetworkError size={56} color="#b3261e" />, true);
const REFUSED_IMAGE = picture(<ShieldCheck size={56} color="#5f6b66" />);
const FAULT_IMAGE = picture(<Warning size={56} color="#b3261e" />, true);

/**
 * A refusal (no right to see it, gone, signed out) does not change by asking again: it offers the
 * way back, and is not drawn as a broken network. Only a network failure or a server fault retries.
 */
const FINAL_CODES: readonly string[] = ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'INVALID_INPUT'];

function ErrorState({ error, retry }: { error: ApiError; retry: () => void }) {
  const final = FINAL_CODES.includes(error.code);
  const image = final ? REFUSED_IMAGE : error.code === 'NETWORK' ? ERROR_IMAGE : FAULT_IMAGE;
  return (
    <View className="state-view" role="alert" data-testid="state-error" data-code={error.code}>
      <Empty image={image} title="加载失败" description={error.message} />
      {final ? (
        <Button type="primary" size="small" onClick={goBack}>
          返回
        </Button>
      ) : (
        <Button type="primary" size="small" onClick={retry}>
          重试
        </Button>
      )}
    </View>
  );
}

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
    return <ErrorState error={remote.error} retry={() => void remote.reload()} />;
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
