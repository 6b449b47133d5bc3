import { Dialog } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';

/**
 * The app's one way to ask before anything irreversible, and to tell a person something they must
 * acknowledge. Every page's <Page> mounts one <ConfirmHost/>; NutUI scopes a dialog id to the page's
 * route, so a dialog never opens on a page hidden lower in the stack.
 */
const HOST_ID = 'gz-confirm';

export function ConfirmHost() {
  return <Dialog id={HOST_ID} />;
}

export interface ConfirmOptions {
  title: string;
  content: ReactNode;
  confirmText?: string;
  cancelText?: string;
}

function ask(options: ConfirmOptions, acknowledgeOnly: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: boolean) => {
      if (settled) return;
      settled = true;
      Dialog.close(HOST_ID);
      resolve(answer);
    };
    // NutUI merges each open's options into the host's last ones, so every option is given every time.
    Dialog.open(HOST_ID, {
      title: options.title,
      content: options.content,
      confirmText: options.confirmText ?? (acknowledgeOnly ? '知道了' : '确认'),
      cancelText: options.cancelText ?? '取消',
      hideCancelButton: acknowledgeOnly,
      onConfirm: () => settle(true),
      onCancel: () => settle(false),
      onClose: () => settle(false),
    });
  });
}

/** Resolves true on 确认 (NutUI's own default word) and false on 取消 or a tap outside. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return ask(options, false);
}

/** Asks, then runs `action` only on 确认. */
export function confirmThen(options: ConfirmOptions, action: () => unknown): void {
  void confirm(options).then((ok) => {
    if (ok) void action();
  });
}

/** A message with a single 知道了 (replaces Taro.showModal with showCancel: false). */
export function acknowledge(options: Omit<ConfirmOptions, 'cancelText'>): Promise<void> {
  return ask(options, true).then(() => undefined);
}
