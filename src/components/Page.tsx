import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useCare } from '../hooks/useCare';
import { ConfirmHost } from './confirm';
import { NavBar } from './NavBar';
import './Page.scss';

/**
 * The root of every page. It carries 关怀模式 (`care`) on every platform: h5 also sets it on
 * <html>, but a mini-program page has no shared root above this one, so without it subpackage
 * pages in weapp would never see care mode. tests/care/pages.test.ts holds every page to it.
 */
export function Page({ className, children }: PropsWithChildren<{ className?: string }>) {
  const care = useCare();
  return (
    <View className={['page', className, care ? 'care' : ''].filter(Boolean).join(' ')}>
      <NavBar />
      {children}
      <ConfirmHost />
    </View>
  );
}
