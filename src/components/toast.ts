import Taro from '@tarojs/taro';

/** WeChat draws a toast with an icon only 7 Chinese characters wide (two Latin letters or digits take one). */
const ICON_TOAST_WIDTH = 7;

function width(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) <= 0xff ? 0.5 : 1;
  return n;
}

/**
 * "It went through": the tick when the words fit beside it. In weapp a longer sentence
 * (已提交，社区工作者会尽快处理) was cut after 7 characters, so it goes without the icon, on up to two
 * lines, and stays long enough to be read (tests/weapp/care.test.ts). h5's toast shows any length.
 */
export function toastDone(title: string): void {
  if (process.env.TARO_ENV !== 'weapp' || width(title) <= ICON_TOAST_WIDTH) {
    void Taro.showToast({ title, icon: 'success' });
    return;
  }
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
