// weapp (and the type every platform sees): the confirm host's dialog is NutUI's, in the page's code.
// h5 fetches it after the first page instead (confirmDialog.h5.tsx; both .tsx, so that Taro's
// per-platform lookup, which tries each extension in turn, finds the h5 one first).
import { Dialog } from '@nutui/nutui-react-taro';

export const ConfirmDialog = Dialog;
export const prefetchConfirmDialog = (): void => undefined;
