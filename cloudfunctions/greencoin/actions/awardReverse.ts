import { z } from 'zod';
import { type AwardDoc, GC_COLLECTIONS } from '../../_core/domain/greencoin';
import { idempotent } from '../../_core/idempotency';
import { reversePosting } from '../../_core/ledger';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { bumpStats, canManage, writeAudit } from '../core';
import { awardView, newAwardIds, STAFF, tellPerson, ZId, ZIdempotencyKey } from '../lib/awards';

export const ZAwardReverseInputSchema = z.strictObject({
  awardId: ZId,
  reason: z.string().trim().min(1).max(200),
  idempotencyKey: ZIdempotencyKey.optional(),
});

/**
 * Corrects a posted award or deduction: never an edit, always a reversing entry (a bonus the
 * person already spent cannot be taken back: INSUFFICIENT_FUNDS).
 */
export const awardReverse = defineAction({
  summary: '撤销一笔已生效的评定（以冲正记录更正，须写明原因）',
  input: ZAwardReverseInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const ids = { auditId: ctx.newId(), ...newAwardIds(ctx.newId) };
    const { idempotencyKey, ...request } = input;
    const body = async (tx: TxStore) => {
      const doc = await tx.get<AwardDoc>(GC_COLLECTIONS.awards, input.awardId);
      if (!doc || !canManage(ctx.caller, doc.communityId)) throw new AppError('NOT_FOUND', '评定记录不存在');
      if (doc.status !== 'posted') throw new AppError('CONFLICT', '只有已生效的评定可以撤销');
      if (doc.postingId) {
        await reversePosting(tx, doc.postingId, {
          id: ids.postingId,
          at,
          reason: `撤销评定：${doc.lineText}（${input.reason}）`,
          kind: 'reversal',
          actorUserId: ctx.caller.userId,
        });
        if (doc.kind === 'bonus') {
          await bumpStats(
            tx,
            doc.communityId,
            now,
            { issued: -doc.postedAmount },
            { key: doc.category, amount: -doc.postedAmount },
          );
        } else {
          await bumpStats(tx, doc.communityId, now, { deducted: -doc.postedAmount });
        }
        await tellPerson(
          tx,
          doc,
          ids,
          at,
          doc.kind === 'bonus' ? `撤销 ${doc.postedAmount} 绿币` : `退回 ${doc.postedAmount} 绿币`,
          `「${doc.lineText}」的评定已撤销：${input.reason}`,
        );
      }
      const reversal = { postingId: ids.postingId, reason: input.reason, byUserId: ctx.caller.userId, at };
      await tx.updateById(GC_COLLECTIONS.awards, doc._id, { $set: { status: 'reversed', reversal } });
      await writeAudit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'award.reverse',
        communityId: doc.communityId,
        target: { collection: GC_COLLECTIONS.awards, id: doc._id },
        details: { kind: doc.kind, amount: doc.postedAmount },
      });
      return awardView({ ...doc, status: 'reversed', reversal });
    };
    if (!idempotencyKey) return ctx.store.runTransaction(body);
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: idempotencyKey, request: { action: 'award.reverse', ...request }, at },
      body,
    );
  },
});
