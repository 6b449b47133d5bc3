import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  // The cloud environment comes from the build (TARO_APP_CLOUD_ENV); the current one otherwise.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
