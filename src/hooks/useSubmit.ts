import Taro from '@tarojs/taro';
import { useState } from 'react';
import { toastDone } from '../components/toast';

/**
 * A form's one submit: `busy` while the call runs (the button shows it and cannot be tapped twice),
 * the server's Chinese refusal as a toast, `onDone` with the answer when it went through.
 */
export function useSubmit<R>(run: () => Promise<R>, onDone: (answer: R) => void) {
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      onDone(await run());
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

/** Tells the person it went through, then replaces the form with the page that lists it. */
export function doneThenRedirect(title: string, url: string) {
  toastDone(title);
  setTimeout(() => void Taro.redirectTo({ url }), 600);
}
