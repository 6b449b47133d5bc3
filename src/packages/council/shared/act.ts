import { Dialog } from '@nutui/nutui-react-taro';

export { act } from '../../../components/ui';

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
