import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type PhotoPartDoc, type PhotoTicketDoc, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { type PartInput, PHOTO_PART_LIMITS, photoPartId, planPart } from '../../_core/domain/tips-photos';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { finishPhoto, type PartAnswer, removeParts, ticketHash, ZTicket } from '../lib/photos';

/**
 * One numbered part of an anonymous tip's photo (≤ 64 KiB as base64: with the envelope the call
 * stays under CloudBase's 100 KB body). Parts go in order; a part sent again with the same bytes
 * (a retry after a lost answer) answers how far the photo is instead of storing it twice.
 */
export const ZPhotoPartInputSchema = z.strictObject({
  ticket: ZTicket,
  /** The client's key for this photo, the same for all its parts. */
  photo: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '照片编号无效'),
  part: z
    .number()
    .int()
    .min(0)
    .max(PHOTO_PART_LIMITS.maxParts - 1),
  parts: z.number().int().min(1).max(PHOTO_PART_LIMITS.maxParts),
  data: z
    .string()
    .min(4)
    .max(PHOTO_PART_LIMITS.partChars)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, '照片数据格式不正确'),
});

export const photoPart = defineAction({
  summary: '凭匿名照片凭证分段上传一张照片（照片不记录上传人）',
  input: ZPhotoPartInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: true },
  handler: async (input, ctx): Promise<PartAnswer> => {
    const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
    const part: PartInput = {
      photo: input.photo,
      part: input.part,
      parts: input.parts,
      size: bytes.length,
      digest: createHash('sha256').update(bytes).digest('hex'),
    };
    const ticketId = ticketHash(input.ticket);
    const plan = await ctx.store.runTransaction(async (tx) => {
      const ticket = await tx.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, ticketId);
      const partId = photoPartId(ticketId, input.photo, input.part);
      const stored = await tx.get<PhotoPartDoc>(TIP_COLLECTIONS.photoParts, partId);
      const step = decided(planPart(ticket, part, stored, ctx.clock.now().toISOString()));
      if (step.step !== 'store') return step;
      await removeParts(tx, ticketId, step.dropped);
      const doc: PhotoPartDoc = {
        _id: partId,
        ticketId,
        photo: input.photo,
        part: input.part,
        data: input.data,
        size: part.size,
        digest: part.digest,
        expiresAt: (ticket as PhotoTicketDoc).expiresAt,
      };
      // A row left by a photo given up earlier under the same key is overwritten, not duplicated.
      if (stored) await tx.updateById(TIP_COLLECTIONS.photoParts, partId, { $set: doc });
      else await tx.insert<PhotoPartDoc>(TIP_COLLECTIONS.photoParts, doc);
      const upload = { photo: input.photo, parts: input.parts, received: input.part + 1, bytes: step.bytes };
      await tx.updateById(TIP_COLLECTIONS.photoTickets, ticketId, { $set: { upload } });
      return step;
    });
    const waiting = (received: number): PartAnswer => ({
      done: false,
      received,
      parts: input.parts,
      fileId: '',
      url: '',
    });
    switch (plan.step) {
      case 'have':
        return waiting(plan.received);
      case 'store':
        return waiting(input.part + 1);
      case 'done': {
        const urls = await ctx.files.urls([plan.fileId]);
        return {
          done: true,
          received: input.parts,
          parts: input.parts,
          fileId: plan.fileId,
          url: urls[plan.fileId] ?? '',
        };
      }
      default:
        return finishPhoto(ctx, ticketId, part, bytes);
    }
  },
});
