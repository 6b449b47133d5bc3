import Taro from '@tarojs/taro';
import { confirmThen } from '../../../components/confirm';
import { call } from '../../../services/client';
import { fail, type Grant, ROLE_LABELS } from './labels';

/**
 * 撤销: asked first (the one confirm()), since it takes effect at once and the person loses the
 * role's pages; then `onDone` reloads the lists.
 */
export function useRevoke(onDone: () => void) {
  return (userId: string, name: string, grant: Grant) =>
    confirmThen(
      {
        title: '确认撤销？',
        content: `将撤销${name}的“${ROLE_LABELS[grant.role]}”角色，立即生效并记入审计。`,
        confirmText: '确认撤销',
      },
      async () => {
        try {
          await call('admin', 'role.revoke', {
            userId,
            role: grant.role,
            ...(grant.communityId ? { communityId: grant.communityId } : {}),
            ...(grant.gridId ? { gridId: grant.gridId } : {}),
          });
          void Taro.showToast({ title: '已撤销', icon: 'success' });
          onDone();
        } catch (error) {
          fail(error);
        }
      },
    );
}
