import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { applyCare } from './services/care';
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

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
