import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  ANONYMOUS_PHOTO_LIMITS,
  type PhotoQuotaDoc,
  type PhotoTicketDoc,
  TIP_COLLECTIONS,
} from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { ticketHash } from '../lib/photos';

const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const ZPhotoTicketInputSchema = z.strictObject({});

export const photoTicket = defineAction({
  summary: '匿名举报上传照片的凭证（不记录申请人）',
  input: ZPhotoTicketInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: true },
  handler: async (_input, ctx) => {
    if (!ctx.caller.communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    const now = ctx.clock.now();
    const ticket = randomBytes(24).toString('hex');
    const quotaId = createHash('sha256')
      .update(`tip-photo-quota:${ctx.caller.userId}:${chinaDay(now)}`)
      .digest('hex');
    await ctx.store.runTransaction(async (tx) => {
      const quota = await tx.get<PhotoQuotaDoc>(TIP_COLLECTIONS.photoQuota, quotaId);
      if ((quota?.count ?? 0) >= ANONYMOUS_PHOTO_LIMITS.ticketsPerDay) {
        throw new AppError('RATE_LIMITED', '今天申请匿名照片凭证的次数已用完，请明天再试');
      }
      if (quota) await tx.updateById(TIP_COLLECTIONS.photoQuota, quotaId, { $inc: { count: 1 } });
      else await tx.insert<PhotoQuotaDoc>(TIP_COLLECTIONS.photoQuota, { _id: quotaId, count: 1 });
      await tx.insert<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, {
        _id: ticketHash(ticket),
        photos: [],
        expiresAt: new Date(now.getTime() + ANONYMOUS_PHOTO_LIMITS.ttlMs).toISOString(),
      });
    });
    return { ticket, maxPhotos: ANONYMOUS_PHOTO_LIMITS.perTicket };
  },
});
