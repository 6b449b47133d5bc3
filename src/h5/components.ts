/**
 * h5 only: what `@tarojs/components` resolves to in the h5 build (config/index.ts aliases it here).
 * With `h5.useHtmlComponents` Taro's View is a plain React `<div>` (issue 19: no Stencil element to
 * hydrate), and React writes props as attributes verbatim. NutUI's Switch, Radio, Checkbox, Dialog,
 * Popup and Toast give View the mini-program spelling `ariaRole`, `ariaChecked`, … — React renders
 * those as meaningless lower-case attributes (or drops them when they are booleans), so a switch
 * would lose its role and its on/off state. ./View.ts spells them `role` and `aria-*` before the
 * `<div>` is made; everything else is Taro's own library. Only re-exports here: a local View beside
 * `export *` came out of webpack with its imports dropped (`forwardRef is not defined`).
 */
export * from '@tarojs/components-react';
export { View } from './View';
