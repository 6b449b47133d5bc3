import { z } from 'zod';
import { COLLECTIONS, type GridDoc, type UserDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ASSIGNMENTS_COLLECTION, assertMayChange, audit, grantOf, sameGrant, ZGrantShape } from '../lib/manage';

/** Grid-worker assignments: 专职 (full-time), 兼职 (part-time), 流动网格员 (mobile, e.g. couriers). */
export const ASSIGNMENT_KINDS = ['fulltime', 'parttime', 'mobile'] as const;

/** `<userId>|<gridId>`: one assignment per person and grid. */
export interface AssignmentDoc {
  _id: string;
  userId: string;
  communityId: string;
  gridId: string;
  kind: (typeof ASSIGNMENT_KINDS)[number];
  assignedBy: string;
  assignedAt: string;
}

export const ZRoleGrantInputSchema = z.strictObject({
  ...ZGrantShape,
  /** For grid workers: 专职 / 兼职 / 流动. */
  kind: z.enum(ASSIGNMENT_KINDS).optional(),
});

/** Grants a role (staff, grid worker with its kind, sage, volunteer, admin); audited. */
export const roleGrant = defineAction({
  summary: '授予角色（社区工作者、网格员及其类型、乡贤、管理员）',
  input: ZRoleGrantInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const grant = grantOf(input);
    assertMayChange(ctx, grant);
    if (grant.role === 'gridworker' && !input.kind) throw new AppError('INVALID_INPUT', '请选择网格员类型');
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      if (grant.gridId) {
        const grid = await tx.get<GridDoc>(COLLECTIONS.grids, grant.gridId);
        if (!grid || grid.communityId !== grant.communityId) throw new AppError('NOT_FOUND', '网格不存在');
        const assignment: AssignmentDoc = {
          _id: `${user._id}|${grid._id}`,
          userId: user._id,
          communityId: grid.communityId,
          gridId: grid._id,
          kind: input.kind ?? 'fulltime',
          assignedBy: ctx.caller.userId,
          assignedAt: at,
        };
        const had = await tx.get<AssignmentDoc>(ASSIGNMENTS_COLLECTION, assignment._id);
        if (had) {
          const { _id, ...rest } = assignment;
          await tx.updateById(ASSIGNMENTS_COLLECTION, _id, { $set: rest });
        } else await tx.insert(ASSIGNMENTS_COLLECTION, assignment);
        // A full-time worker is the one the grid's reports are routed to.
        if (assignment.kind === 'fulltime') {
          await tx.updateById(COLLECTIONS.grids, grid._id, { $set: { workerUserId: user._id } });
        }
      }
      const already = user.grants.some((g) => sameGrant(g, grant));
      if (!already) {
        await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants: [...user.grants, grant], updatedAt: at } });
      }
      await audit(
        tx,
        ctx,
        auditId,
        at,
        'admin.role.grant',
        grant.communityId ?? null,
        {
          collection: COLLECTIONS.users,
          id: user._id,
        },
        { role: grant.role, gridId: grant.gridId ?? null, kind: input.kind ?? null, already },
      );
      return { userId: user._id, grants: already ? user.grants : [...user.grants, grant] };
    });
  },
});
