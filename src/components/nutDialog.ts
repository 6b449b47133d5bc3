// h5: NutUI's Dialog (with its overlay, transitions and styles) as a chunk of its own, for confirmDialog.h5.tsx.
import { Dialog } from '@nutui/nutui-react-taro';

export default Dialog;
