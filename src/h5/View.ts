import { View as HtmlView } from '@tarojs/components-react';
import { type ComponentProps, createElement, forwardRef } from 'react';
import { ariaAttributes } from './aria';

type ViewProps = ComponentProps<typeof HtmlView>;

/** Taro's HTML View with NutUI's mini-program ARIA props spelled for the DOM (see ./components.ts). */
export const View = forwardRef<unknown, ViewProps>(function View(props, ref) {
  return createElement(HtmlView, { ...ariaAttributes(props as Record<string, unknown>), ref } as ViewProps);
});
