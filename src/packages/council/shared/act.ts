import { Dialog } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';

/** Runs a call and tells the person how it went; answers whether it succeeded. */
export async function act(run: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await run();
    void Taro.showToast({ title: done, icon: 'success' });
    return true;
  } catch (error) {
    void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    return false;
  }
}

/** Asks before anything irreversible; `dialogId` names the page's <Dialog id=…/>. */
export function confirmThen(dialogId: string, title: string, content: string, run: () => Promise<unknown>): void {
  Dialog.open(dialogId, {
    title,
    content,
    onConfirm: () => {
      Dialog.close(dialogId);
      void run();
    },
    onCancel: () => Dialog.close(dialogId),
  });
}
