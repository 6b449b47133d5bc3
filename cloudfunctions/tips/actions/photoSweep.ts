import { z } from 'zod';
import { type PhotoPartDoc, type PhotoTicketDoc, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { removeParts } from '../lib/photos';

export const ZPhotoSweepInputSchema = z.strictObject({
  /** Tickets (and stray parts) looked at per call; the timer calls again on its next tick. */
  limit: z.number().int().min(1).max(500).default(100),
});

/** Expired, oldest first; bounded on both sides so SQLite's planner uses the expiresAt index. */
const expiredBy = (nowIso: string) => ({ expiresAt: { $gte: '2000-01-01T00:00:00.000Z', $lte: nowIso } });

/**
 * Anonymous photo tickets that expired unfiled: their photos are on no tip and no one can attach
 * them any more, and a half-sent photo's parts hold up to 5 MB of text. The timer removes the
 * ticket, its parts and its files; then any part whose ticket went without it. Re-running it
 * changes nothing.
 */
export const photoSweep = defineAction({
  summary: '清理过期的匿名照片凭证、未传完的照片分段和未提交的照片（仅供系统定时任务调用）',
  input: ZPhotoSweepInputSchema,
  roles: ['admin'],
  access: { scope: ['system'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const nowIso = ctx.clock.now().toISOString();
    const expired = await ctx.store.find<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, expiredBy(nowIso), {
      orderBy: [['expiresAt', 'asc']],
      limit: input.limit,
    });
    let tickets = 0;
    let files = 0;
    for (const candidate of expired) {
      const photos = await ctx.store.runTransaction(async (tx) => {
        const ticket = await tx.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, candidate._id);
        if (!ticket || ticket.expiresAt > nowIso) return null;
        await removeParts(tx, ticket._id, ticket.upload ?? null);
        await tx.removeById(TIP_COLLECTIONS.photoTickets, ticket._id);
        return ticket.photos;
      });
      if (!photos) continue;
      tickets += 1;
      // After the ticket is gone: a file removed first could be attached by a submit racing it.
      for (const fileId of photos) if (await ctx.files.remove(fileId)) files += 1;
    }
    const stray = await ctx.store.find<PhotoPartDoc>(TIP_COLLECTIONS.photoParts, expiredBy(nowIso), {
      orderBy: [['expiresAt', 'asc']],
      limit: input.limit,
    });
    for (const part of stray) await ctx.store.removeById(TIP_COLLECTIONS.photoParts, part._id);
    return { tickets, files, parts: stray.length };
  },
});
