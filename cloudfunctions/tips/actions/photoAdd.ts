import { z } from 'zod';
import {
  ANONYMOUS_PHOTO_LIMITS,
  ANONYMOUS_UPLOADER,
  type PhotoTicketDoc,
  TIP_COLLECTIONS,
} from '../../_core/domain/tips';
import { IMAGE_TYPES, sniffUploadType, UPLOAD_LIMITS } from '../../_core/domain/uploads';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { ticketHash } from '../lib/photos';

export const ZTicket = z.string().regex(/^[a-f0-9]{48}$/, '照片凭证无效');

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
