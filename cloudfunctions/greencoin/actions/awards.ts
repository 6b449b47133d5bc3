import { z } from 'zod';
import {
  type AwardDoc,
  type AwardTotalDoc,
  awardTotalId,
  GC_COLLECTIONS,
  monthKey,
  needsSecondApprover,
  RUBRIC_CATEGORIES,
  type RubricCategoryKey,
  type RubricDoc,
  type RubricLine,
} from '../../_core/domain/greencoin';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { maskPhone } from '../../_core/domain/privacy';
import { idempotent } from '../../_core/idempotency';
import { balanceOf, issuerAccount, post, reversePosting, userAccount } from '../../_core/ledger';
import { assertNotForSelf, decidesForSelfIn } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { Caller } from '../../_core/runtime/roles';
import type { TxStore } from '../../_core/store/docstore';
import { bumpStats, canManage, notify, requireManage, staffCommunity, writeAudit } from '../core';

/** Ids of users, communities and documents: plain characters only (they become parts of account ids). */
const ZId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);
/** Made by the client, one per intended write (a UUID is ideal). */
const ZIdempotencyKey = z.string().min(1).max(128);
const STAFF = ['staff', 'admin'] as const;

export const ZRubricListInputSchema = z.strictObject({ communityId: ZId.optional() });

export const rubricList = defineAction({
  summary: '本社区公开的绿币评定细则（加分、扣分、一票否决）',
  input: ZRubricListInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请先选择所在社区');
    const rubric = await ctx.store.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
    if (!rubric) throw new AppError('NOT_FOUND', '本社区尚未发布评定细则');
    return {
      communityId,
      title: rubric.title,
      approvalThreshold: rubric.approvalThreshold,
      redemptionExpiryHours: rubric.redemptionExpiryHours,
      publishedAt: rubric.publishedAt,
      categories: RUBRIC_CATEGORIES.map((c) => ({
        key: c.key,
        name: c.name,
        lines: rubric.lines.filter((l) => l.category === c.key),
      })),
    };
  },
});

export const ZPeopleSearchInputSchema = z.strictObject({
  communityId: ZId.optional(),
  q: z.string().trim().max(20).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const peopleSearch = defineAction({
  summary: '工作人员查找本社区居民（用于评定绿币）',
  input: ZPeopleSearchInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const filter: Record<string, unknown> = { communityId };
    if (input.q) filter.nickname = { $regex: escapeRegex(input.q) };
    const users = await ctx.store.find<UserDoc>(COLLECTIONS.users, filter, {
      orderBy: [['nickname', 'asc']],
      limit: input.limit,
    });
    return {
      items: users.map((u) => ({ userId: u._id, nickname: u.nickname, phoneMasked: maskPhone(u.phone) })),
    };
  },
});

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

const awardView = (doc: AwardDoc, nickname = ''): AwardView => ({
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

const vetoId = (communityId: string, userId: string, month: string) => `${communityId}|${userId}|${month}`;

/** Moves the coins of an award (bonus: issuer → person; penalty: person → issuer, capped at what they can spend). */
interface AwardIds {
  postingId: string;
  messageId: string;
  outboxId: string;
}

const newAwardIds = (newId: () => string): AwardIds => ({ postingId: newId(), messageId: newId(), outboxId: newId() });

/** Tells the person about coins they got or lost, with the rubric line behind it. */
async function tellPerson(tx: TxStore, doc: AwardDoc, ids: AwardIds, at: string, title: string, body: string) {
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

async function postAward(
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
    if (await tx.get(GC_COLLECTIONS.vetoes, vetoId(doc.communityId, doc.userId, monthKey(input.at)))) {
      throw new AppError('CONFLICT', '该居民本月已被一票否决，不能再获得绿币');
    }
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
  const amount = Math.min(doc.amount, Math.max(0, available));
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

export const ZAwardPendingInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(['pending', 'posted', 'rejected']).default('pending'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const awardPending = defineAction({
  summary: '绿币评定记录（默认：待复核）',
  input: ZAwardPendingInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: false },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const docs = await ctx.store.find<AwardDoc>(
      GC_COLLECTIONS.awards,
      { communityId, status: input.status },
      { orderBy: [['createdAt', 'desc']], skip: input.skip, limit: input.limit + 1 },
    );
    const page = docs.slice(0, input.limit);
    const users = page.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: [...new Set(page.map((d) => d.userId))] } })
      : [];
    const names = new Map(users.map((u) => [u._id, u.nickname]));
    return {
      items: page.map((d) => ({
        ...awardView(d, names.get(d.userId) ?? ''),
        mine: d.makerUserId === ctx.caller.userId,
      })),
      hasMore: docs.length > input.limit,
    };
  },
});

export const ZAwardApproveInputSchema = z.strictObject({ awardId: ZId });

async function decideAward(ctx: ActionContext, awardId: string, decision: 'approve' | 'reject', reason: string | null) {
  const now = ctx.clock.now();
  const ids = { auditId: ctx.newId(), ...newAwardIds(ctx.newId) };
  return ctx.store.runTransaction(async (tx) => {
    const doc = await tx.get<AwardDoc>(GC_COLLECTIONS.awards, awardId);
    if (!doc || !canManage(ctx.caller, doc.communityId)) throw new AppError('NOT_FOUND', '评定记录不存在');
    if (doc.status !== 'pending') throw new AppError('CONFLICT', '该评定已复核，不能重复操作');
    if (doc.makerUserId === ctx.caller.userId) throw new AppError('FORBIDDEN', '需由另一名工作人员复核');
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

export const awardApprove = defineAction({
  summary: '复核通过一笔大额评定（须为另一名工作人员）',
  input: ZAwardApproveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true, decides: 'approve' },
  handler: (input, ctx) => decideAward(ctx, input.awardId, 'approve', null),
});

export const ZAwardRejectInputSchema = z.strictObject({ awardId: ZId, reason: z.string().trim().min(1).max(200) });

export const awardReject = defineAction({
  summary: '复核不通过一笔大额评定（须写明原因）',
  input: ZAwardRejectInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: (input, ctx) => decideAward(ctx, input.awardId, 'reject', input.reason),
});

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

const ZRubricLine = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  category: z.enum(RUBRIC_CATEGORIES.map((c) => c.key) as [RubricCategoryKey, ...RubricCategoryKey[]]),
  text: z.string().trim().min(1).max(60),
  kind: z.enum(['bonus', 'penalty', 'veto']),
  amount: z.number().int().min(0).max(10_000),
});

export const ZRubricSaveInputSchema = z.strictObject({
  communityId: ZId.optional(),
  title: z.string().trim().min(1).max(40),
  lines: z.array(ZRubricLine).min(1).max(100),
  /** Awards above this many coins need a second staff member. */
  approvalThreshold: z.number().int().min(0).max(100_000),
  redemptionExpiryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});

export const rubricSave = defineAction({
  summary: '发布本社区的绿币评定细则和设置（复核限额、兑换审核时限）',
  input: ZRubricSaveInputSchema,
  roles: STAFF,
  access: { scope: ['staff'], touches: ['greencoin'], writes: true },
  handler: async (input, ctx) => {
    const communityId = staffCommunity(ctx.caller, input.communityId);
    const ids = new Set(input.lines.map((l) => l.id));
    if (ids.size !== input.lines.length) throw new AppError('INVALID_INPUT', '细则条目编号不能重复');
    if (input.lines.some((l) => (l.kind === 'veto') !== (l.amount === 0))) {
      throw new AppError('INVALID_INPUT', '一票否决条目分值为 0，其他条目分值须大于 0');
    }
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    await ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<RubricDoc>(GC_COLLECTIONS.rubrics, communityId);
      const fields = {
        title: input.title,
        lines: input.lines,
        approvalThreshold: input.approvalThreshold,
        redemptionExpiryHours: input.redemptionExpiryHours,
        publishedAt: at,
        updatedAt: at,
      };
      if (existing) await tx.updateById(GC_COLLECTIONS.rubrics, communityId, { $set: fields });
      else await tx.insert<RubricDoc>(GC_COLLECTIONS.rubrics, { _id: communityId, communityId, ...fields });
      await writeAudit(tx, ctx, {
        id: auditId,
        at,
        action: 'rubric.save',
        communityId,
        target: { collection: GC_COLLECTIONS.rubrics, id: communityId },
        details: { lines: input.lines.length, approvalThreshold: input.approvalThreshold },
      });
    });
    return { communityId, publishedAt: at };
  },
});
