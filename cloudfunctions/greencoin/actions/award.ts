import { z } from 'zod';
import {
  type AwardDoc,
  type AwardTotalDoc,
  awardTotalId,
  GC_COLLECTIONS,
  monthKey,
  needsSecondApprover,
  type RubricDoc,
} from '../../_core/domain/greencoin';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { idempotent } from '../../_core/idempotency';
import { decidesForSelfIn } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManage, writeAudit } from '../core';
import { awardView, newAwardIds, postAward, STAFF, ZId, ZIdempotencyKey } from '../lib/awards';

export const ZAwardInputSchema = z.strictObject({
  userId: ZId,
  lineId: z.string().min(1).max(32),
  note: z.string().trim().min(1).max(200),
  idempotencyKey: ZIdempotencyKey,
});

export const award = defineAction({
  summary: '按评定细则给居民加分或扣分（超过限额需另一名工作人员复核）',
  input: ZAwardInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true, decides: 'award' },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const ids = { awardId: ctx.newId(), auditId: ctx.newId(), ...newAwardIds(ctx.newId) };
    const { idempotencyKey, ...request } = input;
    return idempotent(
      ctx.store,
      {
        scope: ctx.caller.userId,
        key: idempotencyKey,
        request: { action: 'award', ...request },
        at: now.toISOString(),
        // The answer names the resident: erasure must be able to find it.
        subjectUserId: input.userId,
      },
      async (tx) => {
        const subject = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
        if (!subject?.communityId) throw new AppError('NOT_FOUND', '居民不存在');
        requireManage(ctx.caller, subject.communityId);
        const rubric = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, subject.communityId);
        const line = rubric?.lines.find((l) => l.id === input.lineId);
        if (!rubric || !line) throw new AppError('NOT_FOUND', '评定细则中没有这一条');
        // Maker-checker: an award for oneself (or an account one proxies) always waits for another
        // staff member, and what posted unreviewed this month counts, so 4 × 30 cannot slip under 50.
        const totalId = awardTotalId(subject.communityId, subject._id, monthKey(now));
        const total = await tx.get<AwardTotalDoc>(GC_COLLECTIONS.awardTotals, totalId);
        const pending =
          (await decidesForSelfIn(tx, ctx.caller, subject._id)) ||
          needsSecondApprover(line, rubric.approvalThreshold, total?.unreviewed ?? 0);
        if (!pending && line.amount > 0) {
          if (total) await tx.updateById(GC_COLLECTIONS.awardTotals, totalId, { $inc: { unreviewed: line.amount } });
          else {
            await tx.insert<AwardTotalDoc>(GC_COLLECTIONS.awardTotals, {
              _id: totalId,
              communityId: subject.communityId,
              userId: subject._id,
              month: monthKey(now),
              unreviewed: line.amount,
            });
          }
        }
        const doc: AwardDoc = {
          _id: ids.awardId,
          communityId: subject.communityId,
          userId: subject._id,
          lineId: line.id,
          category: line.category,
          lineText: line.text,
          kind: line.kind,
          amount: line.amount,
          postedAmount: 0,
          note: input.note,
          status: pending ? 'pending' : 'posted',
          makerUserId: ctx.caller.userId,
          checkerUserId: null,
          postingId: null,
          rejectReason: null,
          reversal: null,
          createdAt: now.toISOString(),
          decidedAt: pending ? null : now.toISOString(),
        };
        if (!pending) Object.assign(doc, await postAward(tx, doc, { ...ids, at: now, actor: ctx.caller }));
        await tx.insert(GC_COLLECTIONS.awards, doc);
        await writeAudit(tx, ctx, {
          id: ids.auditId,
          at: now.toISOString(),
          action: 'award',
          communityId: doc.communityId,
          target: { collection: GC_COLLECTIONS.awards, id: doc._id },
          details: { kind: doc.kind, amount: doc.amount, postedAmount: doc.postedAmount, status: doc.status },
        });
        return awardView(doc, subject.nickname);
      },
    );
  },
});
