import { z } from 'zod';
import { reviewOutcome, SAGE_COLLECTIONS } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView, audit, loadApplication, notOwn, requireReviewer, tell } from '../lib/access';
import { ZId, ZReason } from '../lib/select';

export const ZReviewInputSchema = z.strictObject({
  applicationId: ZId,
  /** One result per published standard. */
  checks: z
    .array(z.strictObject({ standardId: z.string().min(1).max(30), met: z.boolean() }))
    .min(1)
    .max(10),
  note: ZReason,
});

/** The community's staff check each published standard; all met → on to the street. */
export const review = defineAction({
  summary: '社区逐项资格审查',
  input: ZReviewInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['sages'], writes: true, decides: 'verify' },
  handler: async (input, ctx) => {
    const outcome = reviewOutcome(input.checks);
    if (!outcome.complete) throw new AppError('INVALID_INPUT', '请逐项审查每一条资格标准');
    const at = ctx.clock.now().toISOString();
    const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
    const next = await ctx.store.runTransaction(async (tx) => {
      const app = await loadApplication(tx, input.applicationId);
      requireReviewer(ctx.caller, app.communityId);
      await notOwn(tx, ctx.caller, app);
      if (app.status !== 'applied') throw new AppError('CONFLICT', '该申请已审查');
      const update = {
        status: outcome.qualified ? ('qualified' as const) : ('unqualified' as const),
        checks: input.checks,
        reviewNote: input.note,
        reviewedBy: ctx.caller.userId,
        reviewedAt: at,
        updatedAt: at,
      };
      await tx.updateById(SAGE_COLLECTIONS.applications, app._id, { $set: update });
      // A failed review ends the application: the person may apply again.
      if (!outcome.qualified)
        await tx.removeById(SAGE_COLLECTIONS.openLocks, `${app.applicantUserId}|${app.communityId}`);
      await tell(
        tx,
        ids,
        app.applicantUserId,
        outcome.qualified ? '乡贤申请通过资格审查' : '乡贤申请未通过资格审查',
        outcome.qualified ? '您的申请已通过社区资格审查，待街道审定。' : `未通过原因：${input.note}`,
        at,
      );
      await audit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'sages.review',
        communityId: app.communityId,
        target: { collection: SAGE_COLLECTIONS.applications, id: app._id },
        details: { qualified: outcome.qualified },
      });
      return { ...app, ...update };
    });
    // Views read other documents: outside the transaction (only tx reads exist inside).
    return applicationView(ctx, next);
  },
});
