import { z } from 'zod';
import {
  type ConsentDoc,
  consentId,
  MAX_SEND_ATTEMPTS,
  MESSAGE_COLLECTIONS,
  type MessageDoc,
  NOTIFY_COLLECTIONS,
  type OutboxDoc,
  subscriptionData,
} from '../../_core/domain/messages';
import { COLLECTIONS, type IdentityDoc } from '../../_core/domain/people';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export const ZDrainOutboxInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).default(50),
});

type Claim = { row: OutboxDoc; message: MessageDoc; openid: string } | null;

/**
 * The subscription-message sender (timer trigger): claims pending rows one by one — using up one
 * consent each — sends outside the transaction, then records the outcome. Rows without consent
 * are skipped (the message centre still has them); failures are retried up to MAX_SEND_ATTEMPTS.
 */
export const drainOutbox = defineAction({
  summary: '发送待发的订阅消息（定时任务）',
  input: ZDrainOutboxInputSchema,
  roles: ['admin'],
  access: { scope: ['admin', 'system'], touches: ['inbox'], writes: true },
  handler: async (input, ctx) => {
    if (ctx.caller.grants.some((g) => g.role === 'admin' && g.communityId !== undefined)) {
      throw new AppError('FORBIDDEN', '只有系统定时任务可以发送');
    }
    const notifier = ctx.notifier;
    if (!notifier) throw new AppError('INTERNAL', '未配置消息发送通道');
    const pending = await ctx.store.find<OutboxDoc>(
      MESSAGE_COLLECTIONS.outbox,
      { status: 'pending' },
      { orderBy: [['createdAt', 'asc']], limit: input.limit },
    );
    const counts = { sent: 0, skipped: 0, failed: 0, retried: 0 };
    for (const candidate of pending) {
      const identities = await ctx.store.find<IdentityDoc>(
        COLLECTIONS.identities,
        { userId: candidate.userId },
        { limit: 1 },
      );
      const openid = identities[0]?._id ?? null;
      const at = ctx.clock.now().toISOString();
      const claim: Claim | 'skipped' = await ctx.store.runTransaction(async (tx) => {
        const row = await tx.get<OutboxDoc>(MESSAGE_COLLECTIONS.outbox, candidate._id);
        if (row?.status !== 'pending') return null; // another sender got it
        const consentKey = consentId(row.userId, row.kind);
        const consent = await tx.get<ConsentDoc>(NOTIFY_COLLECTIONS.consents, consentKey);
        const message = await tx.get<MessageDoc>(MESSAGE_COLLECTIONS.messages, row.messageId);
        if (!openid || !message || !consent || consent.remaining < 1) {
          await tx.updateById(MESSAGE_COLLECTIONS.outbox, row._id, { $set: { status: 'skipped', updatedAt: at } });
          return 'skipped';
        }
        await tx.updateById(NOTIFY_COLLECTIONS.consents, consentKey, {
          $inc: { remaining: -1 },
          $set: { updatedAt: at },
        });
        await tx.updateById(MESSAGE_COLLECTIONS.outbox, row._id, {
          $set: { status: 'sending', updatedAt: at },
          $inc: { attempts: 1 },
        });
        return { row: { ...row, attempts: row.attempts + 1 }, message, openid };
      });
      if (claim === null) continue;
      if (claim === 'skipped') {
        counts.skipped += 1;
        continue;
      }
      const result = await notifier.send({
        openid: claim.openid,
        kind: claim.row.kind,
        page: claim.message.link,
        data: subscriptionData(claim.message),
      });
      const done = ctx.clock.now().toISOString();
      await ctx.store.runTransaction(async (tx) => {
        if (result.ok) {
          await tx.updateById(MESSAGE_COLLECTIONS.outbox, claim.row._id, {
            $set: { status: 'sent', sentAt: done, updatedAt: done },
          });
          return;
        }
        const retry = claim.row.attempts < MAX_SEND_ATTEMPTS;
        // The consent was not used up by a failed send: give it back for the retry.
        if (retry) {
          await tx.updateById(NOTIFY_COLLECTIONS.consents, consentId(claim.row.userId, claim.row.kind), {
            $inc: { remaining: 1 },
            $set: { updatedAt: done },
          });
        }
        await tx.updateById(MESSAGE_COLLECTIONS.outbox, claim.row._id, {
          $set: { status: retry ? 'pending' : 'failed', lastError: result.reason.slice(0, 200), updatedAt: done },
        });
      });
      if (result.ok) counts.sent += 1;
      else if (claim.row.attempts < MAX_SEND_ATTEMPTS) counts.retried += 1;
      else counts.failed += 1;
    }
    return counts;
  },
});
