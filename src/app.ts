import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { repairAccessibility } from './services/a11y';
import { applyCare } from './services/care';
import { explainOfflineNavigation } from './services/offline';
import { startReportQueue } from './services/reportQueue';
import { warmStart } from './services/warmStart';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  // The cloud environment comes from the build (TARO_APP_CLOUD_ENV); the current one otherwise.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
}

// 关怀模式: the person's choice, or WeChat's enlarged font scale, restyles every page (h5: one root class).
applyCare();
// h5: the profile is requested now, beside the download of the first page's code.
warmStart();
// 随手拍 reports that met no network are retried at launch and whenever the network returns.
startReportQueue();
// Offline, a page whose code is not loaded yet says 「网络不可用」 instead of ignoring the tap.
explainOfflineNavigation();
// Switch roles, focusable scroll areas, labelled file inputs: what axe finds on Taro's h5 output.
repairAccessibility();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
