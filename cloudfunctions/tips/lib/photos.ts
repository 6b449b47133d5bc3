/**
 * Photos on an anonymous tip, without the photos leading back to the tipster.
 *
 * An ordinary upload is recorded under its uploader (uploads.ownerOpenid, the storage folder
 * uploads/<userId>/), which is exactly what an anonymous tip must not keep. So:
 * 1. `photo.ticket` hands the signed-in tipster a random ticket. What is stored is its sha-256,
 *    the photos added with it and an expiry — no user id. The per-person limit is a count under a
 *    hash of (person, China day), which names nobody and holds no time or ticket.
 * 2. `photo.part` takes the photo's bytes with the ticket, in numbered parts of ≤ 64 KiB (a call's
 *    body is capped at 100 KB: _core/domain/tips-photos.ts); when the last part arrives the function
 *    itself assembles and saves them, with the same owner for every anonymous tipster
 *    (ANONYMOUS_UPLOADER), so neither the upload row, the usage row nor the storage path says who sent them.
 * 3. `submit` with `photoTicket` moves the ticket's photos onto the tip and deletes the ticket:
 *    from then on the file ids are reachable only from the tip, which only its scheme's officers read.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ANONYMOUS_UPLOADER,
  type PendingPhoto,
  type PhotoPartDoc,
  type PhotoTicketDoc,
  TIP_COLLECTIONS,
} from '../../_core/domain/tips';
import { type PartInput, photoPartId, planPart, storedPartIds } from '../../_core/domain/tips-photos';
import { IMAGE_TYPES, sniffUploadType } from '../../_core/domain/uploads';
import type { ActionContext } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

export const ZTicket = z.string().regex(/^[a-f0-9]{48}$/, '照片凭证无效');

export const ticketHash = (ticket: string) => createHash('sha256').update(`tip-photo-ticket:${ticket}`).digest('hex');

/** Removes a half-sent photo's stored parts (inside the caller's transaction). */
export async function removeParts(tx: Pick<TxStore, 'removeById'>, ticketId: string, pending: PendingPhoto | null) {
  if (!pending) return;
  for (const id of storedPartIds(ticketId, pending)) await tx.removeById(TIP_COLLECTIONS.photoParts, id);
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
  // A photo left half-sent goes with the ticket.
  await removeParts(tx, id, doc.upload ?? null);
  await tx.removeById(TIP_COLLECTIONS.photoTickets, id);
  return { kept: [...wanted], dropped: doc.photos.filter((f) => !wanted.includes(f)) };
}

/** What a part call answers: how far the photo is, and once whole its file. */
export interface PartAnswer {
  done: boolean;
  /** Parts the server holds (the next one to send is this number). */
  received: number;
  parts: number;
  /** '' until the photo is whole. */
  fileId: string;
  url: string;
}

/**
 * The last part arrived: the stored parts and this one make the photo, whose bytes must be an
 * image; it is saved under the one anonymous owner and recorded on the ticket, and its parts go.
 * A photo that is no image is given up (its parts removed), so a refused photo leaves nothing.
 */
export async function finishPhoto(
  ctx: ActionContext,
  ticketId: string,
  last: PartInput,
  bytes: Uint8Array,
): Promise<PartAnswer> {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < last.parts - 1; i += 1) {
    const doc = await ctx.store.get<PhotoPartDoc>(TIP_COLLECTIONS.photoParts, photoPartId(ticketId, last.photo, i));
    // Gone meanwhile: another photo was started under the ticket, or it was filed.
    if (!doc) throw new AppError('CONFLICT', '照片分段缺失，请重新上传这张照片');
    chunks.push(Buffer.from(doc.data, 'base64'));
  }
  chunks.push(bytes);
  const whole = new Uint8Array(Buffer.concat(chunks));
  const contentType = sniffUploadType(whole);
  if (!contentType || !IMAGE_TYPES.includes(contentType)) {
    await giveUp(ctx, ticketId, last.photo);
    throw new AppError('INVALID_INPUT', '照片只能是 JPG、PNG 或 WebP 图片');
  }
  const saved = await ctx.files.save({ bytes: whole, contentType, ownerId: ANONYMOUS_UPLOADER });
  let fileId = saved;
  try {
    fileId = await ctx.store.runTransaction(async (tx) => {
      const ticket = await tx.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, ticketId);
      const step = decided(planPart(ticket, last, null, ctx.clock.now().toISOString()));
      // A retry of this same last part finished the photo first: its file is the one.
      if (step.step === 'done') return step.fileId;
      if (step.step !== 'last' || !ticket) throw new AppError('CONFLICT', '照片上传状态已变化，请重新上传这张照片');
      await removeParts(tx, ticketId, ticket.upload ?? null);
      await tx.updateById(TIP_COLLECTIONS.photoTickets, ticketId, {
        $set: {
          photos: [...ticket.photos, saved],
          keys: [...(ticket.keys ?? []), last.photo],
          bytes: (ticket.bytes ?? 0) + whole.length,
          upload: null,
        },
      });
      return saved;
    });
  } catch (error) {
    await ctx.files.remove(saved);
    throw error;
  }
  if (fileId !== saved) await ctx.files.remove(saved);
  const urls = await ctx.files.urls([fileId]);
  return { done: true, received: last.parts, parts: last.parts, fileId, url: urls[fileId] ?? '' };
}

/** Drops a half-sent photo: its parts and the ticket's note of it. */
async function giveUp(ctx: ActionContext, ticketId: string, photo: string): Promise<void> {
  await ctx.store.runTransaction(async (tx) => {
    const ticket = await tx.get<PhotoTicketDoc>(TIP_COLLECTIONS.photoTickets, ticketId);
    if (ticket?.upload?.photo !== photo) return;
    await removeParts(tx, ticketId, ticket.upload);
    await tx.updateById(TIP_COLLECTIONS.photoTickets, ticketId, { $set: { upload: null } });
  });
}
