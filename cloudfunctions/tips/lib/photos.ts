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
import { createHash } from 'node:crypto';
import { type PhotoTicketDoc, TIP_COLLECTIONS } from '../../_core/domain/tips';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

export const ticketHash = (ticket: string) => createHash('sha256').update(`tip-photo-ticket:${ticket}`).digest('hex');

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
