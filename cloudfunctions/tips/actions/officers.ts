import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import type { RoleGrant } from '../../_core/domain/roles';
import { type OfficerDoc, officerDocId, SCHEMES, TIP_COLLECTIONS, TIP_SCHEMES } from '../../_core/domain/tips';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
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

/** The audit entry of a designation or its withdrawal: who, for which scheme and area. */
function auditDesignation(
  tx: TxStore,
  ctx: ActionContext,
  e: {
    id: string;
    at: string;
    action: string;
    userId: string;
    input: z.infer<typeof ZOfficerInputSchema>;
    details: Record<string, string | boolean>;
  },
) {
  return tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: e.id,
      at: e.at,
      actorUserId: ctx.caller.userId,
      action: e.action,
      communityId: e.input.communityId ?? null,
      target: { collection: COLLECTIONS.users, id: e.userId },
      details: e.details,
    }),
  );
}

/** A street/city admin designates an officer for one scheme (never themselves, nor a proxy-linked account); audited. */
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
      if (!user || user.erasedAt) throw new AppError('NOT_FOUND', '用户不存在');
      // A tip officer sees tipsters' identities: whoever designates is a second person.
      await assertNotForSelf(tx, ctx.caller, user._id, '不能指定本人（或自己代办的账号）为举报受理员');
      if (input.communityId && !(await tx.get(COLLECTIONS.communities, input.communityId))) {
        throw new AppError('NOT_FOUND', '社区不存在');
      }
      const already = user.grants.some((g) => sameGrant(g, input.scheme, input.communityId));
      const grants = already ? user.grants : [...user.grants, officerGrant(input.scheme, input.communityId)];
      if (!already) await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      const designation = officerDocId(user._id, input.scheme, input.communityId);
      // A grant made before the list existed gets its row on the next designation.
      if (!(await tx.get(TIP_COLLECTIONS.officers, designation))) {
        await tx.insert<OfficerDoc>(TIP_COLLECTIONS.officers, {
          _id: designation,
          userId: user._id,
          scheme: input.scheme,
          communityId: input.communityId ?? null,
          designatedBy: ctx.caller.userId,
          designatedAt: at,
        });
      }
      await auditDesignation(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.officer.grant',
        userId: user._id,
        input,
        details: { scheme: input.scheme, already },
      });
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
      await assertNotForSelf(tx, ctx.caller, user._id, '不能撤销本人（或自己代办的账号）的指定，请由另一名管理员处理');
      const grants = user.grants.filter((g) => !sameGrant(g, input.scheme, input.communityId));
      await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      const designation = officerDocId(user._id, input.scheme, input.communityId);
      if (await tx.get(TIP_COLLECTIONS.officers, designation))
        await tx.removeById(TIP_COLLECTIONS.officers, designation);
      await auditDesignation(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.officer.revoke',
        userId: user._id,
        input,
        details: { scheme: input.scheme },
      });
      return { userId: user._id, scheme: input.scheme };
    });
  },
});

export const ZOfficerListInputSchema = z.strictObject({
  scheme: z.enum(TIP_SCHEMES),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The officers designated for one scheme, for the designating admins: names and masked phones. */
export const officerList = defineAction({
  summary: '某一奖励类别的举报受理员名单',
  input: ZOfficerListInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['tips', 'people'], writes: false },
  handler: async (input, ctx) => {
    requireDesignator(ctx.caller);
    const rows = await ctx.store.find<OfficerDoc>(
      TIP_COLLECTIONS.officers,
      { scheme: input.scheme },
      {
        orderBy: [
          ['designatedAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const items = [];
    for (const row of rows.slice(0, input.limit)) {
      const [user, community] = await Promise.all([
        ctx.store.get<UserDoc>(COLLECTIONS.users, row.userId),
        row.communityId ? ctx.store.get<{ _id: string; name: string }>(COLLECTIONS.communities, row.communityId) : null,
      ]);
      items.push({
        userId: row.userId,
        name: user?.nickname ?? '',
        phoneMasked: maskPhone(user?.phone) ?? null,
        scheme: row.scheme,
        communityId: row.communityId,
        area: community?.name ?? '全街道',
        designatedAt: row.designatedAt,
        mine: row.userId === ctx.caller.userId,
      });
    }
    return { scheme: input.scheme, schemeName: SCHEMES[input.scheme].name, items, hasMore: rows.length > input.limit };
  },
});
