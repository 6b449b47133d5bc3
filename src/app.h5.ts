import type { PropsWithChildren } from 'react';
import { prefetchConfirmDialog } from './components/confirmDialog';
import { afterFirstPage } from './h5/afterFirstPage';
import { repairAccessibility } from './services/a11y';
import { applyCare } from './services/care';
import { explainOfflineNavigation } from './services/offline';
import { startReportQueueWhenNeeded } from './services/reportQueueStart';
import { warmStart } from './services/warmStart';
import './app.scss';
// Outside src/h5, whose modules are marked side-effect free (config/index.ts): a stylesheet there is dropped.
import './tabbar-h5.scss';

/*
 * h5's app: Taro picks this file over app.ts when TARO_ENV is h5 (weapp starts everything in
 * app.ts). The first load carries what paints the first page (issue 19); the report queue's code
 * (upload, dialogs) comes later and only when a report waits (services/reportQueueStart.ts), the
 * confirm dialog right after the first page (components/confirmDialog.h5.tsx), and Taro's tab bar
 * is defined after the first page (h5/tabbar.ts).
 */
// 关怀模式: the person's choice restyles every page (one root class), before the first paint.
applyCare();
// The profile is requested now, beside the download of the first page's code.
warmStart();
// 随手拍 reports that met no network are sent at launch and whenever the network returns.
startReportQueueWhenNeeded(afterFirstPage);
// Every page's one dialog (components/confirm.tsx), fetched once the first page is up.
afterFirstPage(prefetchConfirmDialog);
// Offline, a page whose code is not loaded yet says 「网络不可用」 instead of ignoring the tap.
explainOfflineNavigation();
// Switch roles, focusable scroll areas, labelled file inputs: what axe finds on Taro's h5 output.
repairAccessibility();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
