import { z } from 'zod';
import { COLLECTIONS, type GridDoc, type UserDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ASSIGNMENTS_COLLECTION, assertMayChange, audit, grantOf, sameGrant, ZGrantShape } from '../lib/manage';

export const ZRoleRevokeInputSchema = z.strictObject(ZGrantShape);

/** Revokes a role; a grid's routing to that worker is cleared with it. Audited. */
export const roleRevoke = defineAction({
  summary: '撤销角色',
  input: ZRoleRevokeInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const grant = grantOf(input);
    assertMayChange(ctx, grant);
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      if (!user.grants.some((g) => sameGrant(g, grant))) throw new AppError('NOT_FOUND', '该用户没有这个角色');
      const grants = user.grants.filter((g) => !sameGrant(g, grant));
      await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      if (grant.gridId) {
        await tx.removeById(ASSIGNMENTS_COLLECTION, `${user._id}|${grant.gridId}`);
        const grid = await tx.get<GridDoc>(COLLECTIONS.grids, grant.gridId);
        if (grid?.workerUserId === user._id) {
          await tx.updateById(COLLECTIONS.grids, grid._id, { $unset: { workerUserId: '' } });
        }
      }
      await audit(
        tx,
        ctx,
        auditId,
        at,
        'admin.role.revoke',
        grant.communityId ?? null,
        {
          collection: COLLECTIONS.users,
          id: user._id,
        },
        { role: grant.role, gridId: grant.gridId ?? null },
      );
      return { userId: user._id, grants };
    });
  },
});
