import { z } from 'zod';
import {
  type AwardDoc,
  checkAwardReview,
  checkBonusAllowed,
  GC_COLLECTIONS,
  monthKey,
  penaltyAmount,
  RUBRIC_CATEGORIES,
  type RubricCategoryKey,
  type RubricLine,
} from '../../_core/domain/greencoin';
import type { Caller } from '../../_core/domain/roles';
import { balanceOf, issuerAccount, post, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import type { TxStore } from '../../_core/store/docstore';
import { bumpStats, canManage, notify, writeAudit } from '../core';

export { STAFF, ZId, ZIdempotencyKey } from '../../_core/redemption/schemas';

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface AwardView {
  id: string;
  userId: string;
  nickname: string;
  lineText: string;
  category: string;
  kind: RubricLine['kind'];
  amount: number;
  postedAmount: number;
  note: string;
  status: AwardDoc['status'];
  makerUserId: string;
  checkerUserId: string | null;
  createdAt: string;
}

export const awardView = (doc: AwardDoc, nickname = ''): AwardView => ({
  id: doc._id,
  userId: doc.userId,
  nickname,
  lineText: doc.lineText,
  category: doc.category,
  kind: doc.kind,
  amount: doc.amount,
  postedAmount: doc.postedAmount,
  note: doc.note,
  status: doc.status,
  makerUserId: doc.makerUserId,
  checkerUserId: doc.checkerUserId,
  createdAt: doc.createdAt,
});

export const vetoId = (communityId: string, userId: string, month: string) => `${communityId}|${userId}|${month}`;

/** Moves the coins of an award (bonus: issuer → person; penalty: person → issuer, capped at what they can spend). */
export interface AwardIds {
  postingId: string;
  messageId: string;
  outboxId: string;
}

export const newAwardIds = (newId: () => string): AwardIds => ({
  postingId: newId(),
  messageId: newId(),
  outboxId: newId(),
});

/** Tells the person about coins they got or lost, with the rubric line behind it. */
export async function tellPerson(tx: TxStore, doc: AwardDoc, ids: AwardIds, at: string, title: string, body: string) {
  await notify(tx, {
    messageId: ids.messageId,
    outboxId: ids.outboxId,
    userId: doc.userId,
    kind: 'general',
    title,
    body,
    link: '/packages/greencoin/wallet/index',
    at,
  });
}

export async function postAward(
  tx: TxStore,
  doc: AwardDoc,
  input: AwardIds & { at: Date; actor: Caller },
): Promise<{ postedAmount: number; postingId: string | null }> {
  const at = input.at.toISOString();
  const category = RUBRIC_CATEGORIES.find((c) => c.key === doc.category)?.name ?? doc.category;
  if (doc.kind === 'veto') {
    const id = vetoId(doc.communityId, doc.userId, monthKey(input.at));
    if (!(await tx.get(GC_COLLECTIONS.vetoes, id))) {
      await tx.insert(GC_COLLECTIONS.vetoes, {
        _id: id,
        communityId: doc.communityId,
        userId: doc.userId,
        awardId: doc._id,
        at,
      });
    }
    return { postedAmount: 0, postingId: null };
  }
  if (doc.kind === 'bonus') {
    const veto = await tx.get(GC_COLLECTIONS.vetoes, vetoId(doc.communityId, doc.userId, monthKey(input.at)));
    decided(checkBonusAllowed(Boolean(veto)));
    await post(tx, {
      id: input.postingId,
      currency: 'GC',
      from: issuerAccount('GC', doc.communityId),
      to: userAccount('GC', doc.userId),
      amount: doc.amount,
      reason: `${category}：${doc.lineText}`,
      kind: 'award',
      category: doc.category,
      ref: { collection: GC_COLLECTIONS.awards, id: doc._id },
      actorUserId: input.actor.userId,
      at,
    });
    await bumpStats(
      tx,
      doc.communityId,
      input.at,
      { issued: doc.amount, awards: 1 },
      { key: doc.category, amount: doc.amount },
    );
    await tellPerson(tx, doc, input, at, `获得 ${doc.amount} 绿币`, `${category}：${doc.lineText}。${doc.note}`);
    return { postedAmount: doc.amount, postingId: input.postingId };
  }
  const { available } = await balanceOf(tx, userAccount('GC', doc.userId));
  const amount = penaltyAmount(doc.amount, available);
  if (amount === 0) return { postedAmount: 0, postingId: null };
  await post(tx, {
    id: input.postingId,
    currency: 'GC',
    from: userAccount('GC', doc.userId),
    to: issuerAccount('GC', doc.communityId),
    amount,
    reason: `${category}扣分：${doc.lineText}`,
    kind: 'deduct',
    category: doc.category,
    ref: { collection: GC_COLLECTIONS.awards, id: doc._id },
    actorUserId: input.actor.userId,
    at,
  });
  await bumpStats(tx, doc.communityId, input.at, { deducted: amount, awards: 1 });
  await tellPerson(tx, doc, input, at, `扣减 ${amount} 绿币`, `${category}：${doc.lineText}。${doc.note}`);
  return { postedAmount: amount, postingId: input.postingId };
}

export async function decideAward(
  ctx: ActionContext,
  awardId: string,
  decision: 'approve' | 'reject',
  reason: string | null,
) {
  const now = ctx.clock.now();
  const ids = { auditId: ctx.newId(), ...newAwardIds(ctx.newId) };
  return ctx.store.runTransaction(async (tx) => {
    const found = await tx.get<AwardDoc>(GC_COLLECTIONS.awards, awardId);
    const manages = found ? canManage(ctx.caller, found.communityId) : false;
    const { award: doc } = decided(checkAwardReview(found, { userId: ctx.caller.userId, manages }));
    await assertNotForSelf(tx, ctx.caller, doc.userId, '不能复核给自己（或自己代办的账号）的评定');
    const update: Partial<AwardDoc> = {
      status: decision === 'approve' ? 'posted' : 'rejected',
      checkerUserId: ctx.caller.userId,
      decidedAt: now.toISOString(),
      rejectReason: reason,
    };
    if (decision === 'approve') Object.assign(update, await postAward(tx, doc, { ...ids, at: now, actor: ctx.caller }));
    await tx.updateById(GC_COLLECTIONS.awards, doc._id, { $set: update });
    await writeAudit(tx, ctx, {
      id: ids.auditId,
      at: now.toISOString(),
      action: `award.${decision}`,
      communityId: doc.communityId,
      target: { collection: GC_COLLECTIONS.awards, id: doc._id },
      details: { amount: doc.amount, status: update.status ?? null },
    });
    return awardView({ ...doc, ...update });
  });
}

export const ZRubricLine = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  category: z.enum(RUBRIC_CATEGORIES.map((c) => c.key) as [RubricCategoryKey, ...RubricCategoryKey[]]),
  text: z.string().trim().min(1).max(60),
  kind: z.enum(['bonus', 'penalty', 'veto']),
  amount: z.number().int().min(0).max(10_000),
});
