import { z } from 'zod';
import { CLAIM_CODE, levelOf, rewardOwner, TIP_COLLECTIONS, TIP_STATUSES, type TipDoc } from '../../_core/domain/tips';
import { idempotent } from '../../_core/idempotency';
import { issuerAccount, postLegs, sinkAccount, transferLegs, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { audit, hashClaimCode, loadTip, officerGrants, officerView, queueView, requireOfficerFor } from '../lib/access';

const ZId = z.string().min(1).max(64);
const OFFICERS = ['tip_officer'] as const;

export const ZQueueInputSchema = z.strictObject({
  status: z.enum(TIP_STATUSES).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The officer's list: only the schemes (and communities) they are designated for, without content. */
export const queue = defineAction({
  summary: '举报受理台：本人负责类别的举报（列表不含内容和举报人）',
  input: ZQueueInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const scopes = officerGrants(ctx.caller).map((g) =>
      g.communityId ? { scheme: g.scheme, communityId: g.communityId } : { scheme: g.scheme },
    );
    if (scopes.length === 0) return { items: [], hasMore: false };
    const filter = { $or: scopes, ...(input.status ? { status: input.status } : {}) };
    const rows = await ctx.store.find<TipDoc>(TIP_COLLECTIONS.tips, filter, {
      orderBy: [
        ['submittedAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return {
      items: rows.slice(0, input.limit).map((t) => ({ ...queueView(t), gradedByMe: t.gradedBy === ctx.caller.userId })),
      hasMore: rows.length > input.limit,
    };
  },
});

export const ZDetailInputSchema = z.strictObject({ tipId: ZId });

/** Content and identity, for the scheme's officers only; every read is logged. */
export const detail = defineAction({
  summary: '查看举报内容和举报人（每次查看均记录）',
  input: ZDetailInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const tip = requireOfficerFor(ctx.caller, await loadTip(ctx.store, input.tipId));
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    await ctx.store.runTransaction(async (tx) => {
      await audit(tx, ctx, { id: auditId, at, action: 'tips.read', tip });
    });
    return officerView(ctx, tip);
  },
});

/**
 * Loads the tip for an officer step; nobody acts on a tip they sent themselves, nor on one sent by
 * a person they act for (代办) or who acts for them.
 */
async function officerTip(tx: TxStore, ctx: ActionContext, tipId: string): Promise<TipDoc> {
  const tip = requireOfficerFor(ctx.caller, await loadTip(tx, tipId));
  if (tip.tipsterUserId) {
    await assertNotForSelf(tx, ctx.caller, tip.tipsterUserId, '不能处理本人（或自己代办的账号）提交的举报');
  }
  return tip;
}

export const ZGradeInputSchema = z.strictObject({
  tipId: ZId,
  levelId: z.string().min(1).max(20),
  note: z.string().trim().min(2).max(300),
});

/** First officer: the grade by the scheme's published levels, with the facts it rests on. */
export const grade = defineAction({
  summary: '按公开的奖励等级评定（须另一名受理员复核）',
  input: ZGradeInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true, decides: 'score' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      const level = levelOf(tip.scheme, input.levelId);
      if (!level) throw new AppError('INVALID_INPUT', '该奖励类别没有这个等级');
      if (tip.status !== 'received') throw new AppError('CONFLICT', '该举报已评定，不能重复评定');
      const update = {
        status: 'graded' as const,
        levelId: level.id,
        reward: level.reward,
        gradeNote: input.note,
        gradedBy: ctx.caller.userId,
        gradedAt: at,
        updatedAt: at,
      };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, {
        id: auditId,
        at,
        action: 'tips.grade',
        tip,
        details: { level: level.id, reward: level.reward },
      });
      return { ...queueView({ ...tip, ...update }), gradedByMe: true };
    });
  },
});

export const ZApproveInputSchema = z.strictObject({ tipId: ZId, key: z.string().min(8).max(64) });

/**
 * Second officer (never the grader): the grade stands and the reward is paid through the ledger,
 * once — the posting id is the tip's, and the status moves graded → rewarded in the same
 * transaction — onto the tip's reward account (RW, apart from coins), visible to the tipster only.
 */
export const approve = defineAction({
  summary: '复核通过评定并核发奖励（复核人不能是评定人）',
  input: ZApproveInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: input.key, request: { action: 'tips.approve', tipId: input.tipId }, at },
      async (tx) => {
        const tip = await officerTip(tx, ctx, input.tipId);
        if (tip.status !== 'graded')
          throw new AppError('CONFLICT', tip.status === 'received' ? '该举报尚未评定' : '该举报已复核');
        if (tip.gradedBy === ctx.caller.userId)
          throw new AppError('FORBIDDEN', '评定人不能复核自己的评定，请由另一名受理员复核');
        // A named tipster who erased their account can no longer be identified at the office, and
        // has no claim code: the reward is decided but paid to no one (see identity/lib/cancel.ts).
        const forfeited = tip.reward > 0 && !tip.anonymous && !tip.tipsterUserId;
        const postingId = tip.reward > 0 && !forfeited ? `tip-reward-${tip._id}` : null;
        if (postingId) {
          await postLegs(tx, {
            id: postingId,
            currency: 'RW',
            legs: transferLegs(issuerAccount('RW', tip.communityId), userAccount('RW', rewardOwner(tip)), tip.reward),
            at,
            reason: '举报奖励',
            kind: 'tip.reward',
            category: tip.scheme,
            ref: { collection: TIP_COLLECTIONS.tips, id: tip._id },
            actorUserId: ctx.caller.userId,
          });
        }
        const update = {
          status: forfeited ? ('forfeited' as const) : postingId ? ('rewarded' as const) : ('closed' as const),
          approvedBy: ctx.caller.userId,
          approvedAt: at,
          postingId,
          updatedAt: at,
        };
        await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
        if (tip.tipsterUserId) {
          await deliverMessage(tx, {
            messageId: ids.messageId,
            outboxId: ids.outboxId,
            userId: tip.tipsterUserId,
            kind: 'general',
            title: postingId ? '举报奖励已核发' : '举报已办结',
            body: postingId
              ? `您的举报经评定核发奖励 ${tip.reward} 元，请携带身份证到社区综治中心领取。`
              : '您的举报已办结，感谢您的支持。',
            link: '/packages/tips/mine/index',
            at,
          });
        }
        await audit(tx, ctx, {
          id: ids.auditId,
          at,
          action: 'tips.approve',
          tip,
          details: { level: tip.levelId, reward: tip.reward, gradedBy: tip.gradedBy, forfeited },
        });
        return { ...queueView({ ...tip, ...update }), gradedByMe: false };
      },
    );
  },
});

export const ZReturnInputSchema = z.strictObject({ tipId: ZId, reason: z.string().trim().min(2).max(300) });

/** Second officer disagrees: the grade goes back for a new one, with the reason. */
export const sendBack = defineAction({
  summary: '复核不同意，退回重新评定（须说明理由）',
  input: ZReturnInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      if (tip.status !== 'graded') throw new AppError('CONFLICT', '只有待复核的评定可以退回');
      if (tip.gradedBy === ctx.caller.userId) throw new AppError('FORBIDDEN', '评定人不能复核自己的评定');
      const update = {
        status: 'received' as const,
        levelId: null,
        reward: 0,
        gradedBy: null,
        gradedAt: null,
        returnedReason: input.reason,
        updatedAt: at,
      };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, { id: auditId, at, action: 'tips.return', tip, details: { level: tip.levelId } });
      return { ...queueView({ ...tip, ...update }), gradedByMe: false };
    });
  },
});

export const ZPayoutInputSchema = z.strictObject({
  tipId: ZId,
  /** Required for an anonymous tip: the code is the only proof of who sent it. */
  claimCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(CLAIM_CODE, '领取码格式为 XXXX-XXXX-XXXX'))
    .optional(),
});

/** 统一发放: the reward is handed over at the office and leaves the reward account, once. */
export const payout = defineAction({
  summary: '登记奖励已发放（匿名举报须核对领取码）',
  input: ZPayoutInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    return ctx.store.runTransaction(async (tx) => {
      const tip = await officerTip(tx, ctx, input.tipId);
      if (tip.status === 'paid') throw new AppError('CONFLICT', '奖励已发放，不能重复发放');
      if (tip.status !== 'rewarded') throw new AppError('CONFLICT', '该举报没有待发放的奖励');
      if (tip.anonymous && (!input.claimCode || hashClaimCode(input.claimCode) !== tip.claimHash)) {
        throw new AppError('FORBIDDEN', '领取码不正确');
      }
      await postLegs(tx, {
        id: `tip-payout-${tip._id}`,
        currency: 'RW',
        legs: transferLegs(userAccount('RW', rewardOwner(tip)), sinkAccount('RW', tip.communityId), tip.reward),
        at,
        reason: '举报奖励发放',
        kind: 'tip.payout',
        category: tip.scheme,
        ref: { collection: TIP_COLLECTIONS.tips, id: tip._id },
        actorUserId: ctx.caller.userId,
      });
      const update = { status: 'paid' as const, paidOutAt: at, paidOutBy: ctx.caller.userId, updatedAt: at };
      await tx.updateById(TIP_COLLECTIONS.tips, tip._id, { $set: update });
      await audit(tx, ctx, { id: auditId, at, action: 'tips.payout', tip, details: { reward: tip.reward } });
      return { ...queueView({ ...tip, ...update }), gradedByMe: false };
    });
  },
});
