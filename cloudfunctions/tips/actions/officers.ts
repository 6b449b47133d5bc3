import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { SCHEMES, TIP_SCHEMES } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { RoleGrant } from '../../_core/runtime/roles';
import { requireDesignator } from '../lib/access';

const ZId = z.string().min(1).max(64);

export const ZOfficerInputSchema = z.strictObject({
  userId: ZId,
  scheme: z.enum(TIP_SCHEMES),
  /** Omitted: the officer serves the scheme street-wide (统一发放). */
  communityId: ZId.optional(),
});

const sameGrant = (g: RoleGrant, scheme: string, communityId?: string) =>
  g.role === 'tip_officer' && g.scheme === scheme && g.communityId === communityId;

function officerGrant(scheme: string, communityId?: string): RoleGrant {
  return communityId ? { role: 'tip_officer', scheme, communityId } : { role: 'tip_officer', scheme };
}

/** A street/city admin designates an officer for one scheme; audited. */
export const grantOfficer = defineAction({
  summary: '指定某一奖励类别的举报受理员',
  input: ZOfficerInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: true },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      if (input.communityId && !(await tx.get(COLLECTIONS.communities, input.communityId))) {
        throw new AppError('NOT_FOUND', '社区不存在');
      }
      const already = user.grants.some((g) => sameGrant(g, input.scheme, input.communityId));
      const grants = already ? user.grants : [...user.grants, officerGrant(input.scheme, input.communityId)];
      if (!already) await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'tips.officer.grant',
          communityId: input.communityId ?? null,
          target: { collection: COLLECTIONS.users, id: user._id },
          details: { scheme: input.scheme, already },
        }),
      );
      return { userId: user._id, scheme: input.scheme, schemeName: SCHEMES[input.scheme].name, already };
    });
  },
});

/** Withdraws an officer's designation for a scheme; audited. */
export const officerRevoke = defineAction({
  summary: '撤销举报受理员的指定',
  input: ZOfficerInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: true },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user?.grants.some((g) => sameGrant(g, input.scheme, input.communityId))) {
        throw new AppError('NOT_FOUND', '该用户不是这一类别的举报受理员');
      }
      const grants = user.grants.filter((g) => !sameGrant(g, input.scheme, input.communityId));
      await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'tips.officer.revoke',
          communityId: input.communityId ?? null,
          target: { collection: COLLECTIONS.users, id: user._id },
          details: { scheme: input.scheme },
        }),
      );
      return { userId: user._id, scheme: input.scheme };
    });
  },
});
