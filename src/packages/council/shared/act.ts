export { confirmThen } from '../../../components/confirm';
export { act } from '../../../components/ui';
