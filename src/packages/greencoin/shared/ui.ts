import Taro from '@tarojs/taro';
import type { Page, usePaged } from '../../../hooks/usePaged';

/** What `usePaged` hands a page, so a section component can take the list it renders. */
export type Paged<P extends Page<unknown>> = ReturnType<typeof usePaged<P>>;

/** A draft the form refuses before anything is sent: said in a toast, as a refused call would be. */
export const warn = (message: string): void => void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
