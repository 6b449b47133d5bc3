/**
 * Photos on an anonymous tip, without the photos leading back to the tipster.
 *
 * An ordinary upload is recorded under its uploader (uploads.ownerOpenid, the storage folder
 * uploads/<userId>/), which is exactly what an anonymous tip must not keep. So:
 * 1. `photo.ticket` hands the signed-in tipster a random ticket. What is stored is its sha-256,
 *    the photos added with it and an expiry — no user id. The per-person limit is a count under a
 *    hash of (person, China day), which names nobody and holds no time or ticket.
 * 2. `photo.add` takes the photo's bytes with the ticket; the function itself saves them, with the
 *    same owner for every anonymous tipster (ANONYMOUS_UPLOADER), so neither the upload row, the
 *    usage row nor the storage path says who sent them.
 * 3. `submit` with `photoTicket` moves the ticket's photos onto the tip and deletes the ticket:
 *    from then on the file ids are reachable only from the tip, which only its scheme's officers read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  ANONYMOUS_PHOTO_LIMITS,
  ANONYMOUS_UPLOADER,
  type PhotoQuotaDoc,
  type PhotoTicketDoc,
  TIP_COLLECTIONS,
} from '../../_core/domain/tips';
import { IMAGE_TYPES, sniffUploadType, UPLOAD_LIMITS } from '../../_core/domain/uploads';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

const ticketHash = (ticket: string) => createHash('sha256').update(`tip-photo-ticket:${ticket}`).digest('hex');
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const ZTicket = z.string().regex(/^[a-f0-9]{48}$/, '照片凭证无效');

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

/** A photo's bytes as base64 (≤ 1 MB of text: the gateway's body limit; the page compresses first). */
export const ZPhotoAddInputSchema = z.strictObject({
  ticket: ZTicket,
  data: z.string().min(8).max(1_000_000),
});

export const photoAdd = defineAction({
  summary: '凭匿名照片凭证上传一张照片（照片不记录上传人）',
  input: ZPhotoAddInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
    const contentType = sniffUploadType(bytes);
    if (!contentType || !IMAGE_TYPES.includes(contentType)) {
      throw new AppError('INVALID_INPUT', '照片只能是 JPG、PNG 或 WebP 图片');
    }
    if (bytes.length > UPLOAD_LIMITS.maxBytes) throw new AppError('INVALID_INPUT', '单个文件不能超过 5 MB');
    const id = ticketHash(input.ticket);
    // Check before saving (no orphan file for a spent ticket), and again when recording it.
    await liveTicket(ctx.store, id, ctx.clock.now().toISOString());
    const fileId = await ctx.files.save({ bytes, contentType, ownerId: ANONYMOUS_UPLOADER });
    try {
      await ctx.store.runTransaction(async (tx) => {
        const ticket = await liveTicket(tx, id, ctx.clock.now().toISOString());
        await tx.updateById(TIP_COLLECTIONS.photoTickets, id, { $set: { photos: [...ticket.photos, fileId] } });
      });
    } catch (error) {
      await ctx.files.remove(fileId);
      throw error;
    }
    const urls = await ctx.files.urls([fileId]);
    return { fileId, url: urls[fileId] ?? '' };
  },
});

/** The ticket, unexpired and with room for another photo. */
async function liveTicket(reader: Pick<TxStore, 'get'>, id: string, nowIso: string): Promise<PhotoTicketDoc> {
  const ticket = await reader.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, id);
  if (!ticket || ticket.expiresAt <= nowIso) throw new AppError('NOT_FOUND', '照片凭证无效或已过期，请重新选择照片');
  if (ticket.photos.length >= ANONYMOUS_PHOTO_LIMITS.perTicket) {
    throw new AppError('INVALID_INPUT', `最多上传 ${ANONYMOUS_PHOTO_LIMITS.perTicket} 张照片`);
  }
  return ticket;
}

/**
 * The photos a ticket carries, for `submit`: read and deleted inside the tip's transaction.
 * `wanted` (the photos the tipster kept on the form) must be the ticket's; the others are returned
 * as `dropped`, for the caller to delete once the tip is stored.
 */
export async function takeTicketPhotos(
  tx: TxStore,
  ticket: string,
  nowIso: string,
  wanted: readonly string[],
): Promise<{ kept: string[]; dropped: string[] }> {
  const id = ticketHash(ticket);
  const doc = await tx.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, id);
  if (!doc || doc.expiresAt <= nowIso) throw new AppError('NOT_FOUND', '照片凭证无效或已过期，请重新选择照片');
  if (wanted.some((f) => !doc.photos.includes(f))) throw new AppError('INVALID_INPUT', '照片不属于这次匿名上传');
  await tx.removeById(TIP_COLLECTIONS.photoTickets, id);
  return { kept: [...wanted], dropped: doc.photos.filter((f) => !wanted.includes(f)) };
}
