import { z } from 'zod';
import { SAGE_COLLECTIONS, type SageApplicationDoc } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView } from '../lib/access';

const ZPhone = z.string().regex(/^1\d{10}$/, '请填写 11 位手机号');

export const ZApplyInputSchema = z.strictObject({
  statement: z.string().trim().min(20).max(1000),
  references: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(20),
        relation: z.string().trim().min(1).max(30),
        phone: ZPhone,
      }),
    )
    .min(1)
    .max(3),
});

/** A resident applies to be a supervisor of their community, with a statement and references. */
export const apply = defineAction({
  summary: '申请担任乡贤监督员（个人陈述和推荐人）',
  input: ZApplyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['sages'], writes: true },
  handler: async (input, ctx) => {
    const communityId = ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    if (ctx.caller.grants.some((g) => g.role === 'sage' && g.communityId === communityId)) {
      throw new AppError('CONFLICT', '您已是本社区的乡贤监督员');
    }
    const at = ctx.clock.now().toISOString();
    const lockId = `${ctx.caller.userId}|${communityId}`;
    const app: SageApplicationDoc = {
      _id: ctx.newId(),
      communityId,
      applicantUserId: ctx.caller.userId,
      statement: input.statement,
      references: input.references,
      status: 'applied',
      checks: [],
      reviewNote: '',
      reviewedBy: null,
      reviewedAt: null,
      decisionNo: null,
      decisionReason: '',
      decidedBy: null,
      decidedAt: null,
      appointmentId: null,
      appliedAt: at,
      updatedAt: at,
    };
    await ctx.store.runTransaction(async (tx) => {
      // One open application per person and community: a lock document, released by the decision.
      if (await tx.get(SAGE_COLLECTIONS.openLocks, lockId)) throw new AppError('CONFLICT', '您已有一份申请在审查中');
      await tx.insert(SAGE_COLLECTIONS.openLocks, { _id: lockId, applicationId: app._id });
      await tx.insert(SAGE_COLLECTIONS.applications, app);
    });
    return applicationView(ctx, app);
  },
});
