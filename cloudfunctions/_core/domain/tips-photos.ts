/**
 * An anonymous tip's photo arrives in numbered parts (`tips.photo.part`), because CloudBase refuses
 * a function call whose body is over 100 KB (runtime/limits.ts) and a compressed phone photo is
 * 150–300 KB. Why parts through the function rather than a server-issued upload URL
 * (storage getUploadMetadata): a direct upload would leave the tipster's own request in storage
 * (and wx.cloud.uploadFile records the uploader's openid), the local gateway and the weapp host
 * cannot imitate COS's signed POST faithfully, and a mini-program would need the COS domain
 * whitelisted. A part is ≤ 64 KiB raw (87,384 base64 characters: the call stays under 100 KB with
 * its envelope) and is kept as one document until the photo is whole; a CloudBase document may be
 * up to 16 MB (the BSON limit), so a part fits with room to spare.
 *
 * Pure rules: what a part call does to a ticket, decided from the ticket and the part already
 * stored under the same number. The `tips` function does the I/O (actions/photoPart.ts).
 */
import { type Decision, refuse } from './decision';
import { ANONYMOUS_PHOTO_LIMITS, type PendingPhoto, type PhotoTicketDoc } from './tips';

export const PHOTO_PART_LIMITS = {
  /** Raw bytes of one part: 64 KiB, 87,384 characters of base64. */
  partBytes: 64 * 1024,
  /** Base64 characters of one part (4 per 3 bytes, padded). */
  partChars: 4 * Math.ceil((64 * 1024) / 3),
  /** Parts of one photo: enough for the largest photo. */
  maxParts: Math.ceil(ANONYMOUS_PHOTO_LIMITS.photoBytes / (64 * 1024)),
} as const;

export interface PartInput {
  /** The client's key for this photo (one per picked photo). */
  photo: string;
  /** 0-based number of this part. */
  part: number;
  /** How many parts the photo has. */
  parts: number;
  /** Raw bytes of this part. */
  size: number;
  /** sha-256 of this part's bytes: a retried part must be the same bytes. */
  digest: string;
}

/** What a stored part still says about itself (for a retried call). */
export interface StoredPart {
  digest: string;
}

export type PartStep =
  /** The photo is already whole (a retry whose answer was lost): answer the same file. */
  | { step: 'done'; fileId: string }
  /** This part is stored already with these bytes: answer how far the photo is. */
  | { step: 'have'; received: number }
  /**
   * Store this part; `bytes` is the photo's size so far with it, `dropped` another photo left
   * half-sent, whose parts go.
   */
  | { step: 'store'; bytes: number; dropped: PendingPhoto | null }
  /** The last part: assemble the photo (nothing is stored for it). */
  | { step: 'last'; bytes: number; dropped: PendingPhoto | null };

const MB = 1024 * 1024;

/** The ticket has not expired (a missing one is refused the same way: nobody learns which). */
export function checkTicketLive(ticket: PhotoTicketDoc | null, nowIso: string): Decision<{ ticket: PhotoTicketDoc }> {
  if (!ticket || ticket.expiresAt <= nowIso) return refuse('NOT_FOUND', '照片凭证无效或已过期，请重新选择照片');
  return { ok: true, ticket };
}

/** What to do with one part of one photo under this ticket. */
export function planPart(
  ticket: PhotoTicketDoc | null,
  input: PartInput,
  stored: StoredPart | null,
  nowIso: string,
): Decision<PartStep> {
  const live = checkTicketLive(ticket, nowIso);
  if (!live.ok) return live;
  const doc = live.ticket;
  const done = (doc.keys ?? []).indexOf(input.photo);
  if (done >= 0) return { ok: true, step: 'done', fileId: doc.photos[done] as string };
  if (doc.photos.length >= ANONYMOUS_PHOTO_LIMITS.perTicket) {
    return refuse('INVALID_INPUT', `最多上传 ${ANONYMOUS_PHOTO_LIMITS.perTicket} 张照片`);
  }
  if (input.parts < 1 || input.parts > PHOTO_PART_LIMITS.maxParts || input.part < 0 || input.part >= input.parts) {
    return refuse('INVALID_INPUT', '照片分段编号超出范围，请重新上传这张照片');
  }
  if (input.size < 1 || input.size > PHOTO_PART_LIMITS.partBytes) {
    return refuse('INVALID_INPUT', '每段照片数据不能超过 64 KB，请重新上传这张照片');
  }
  const pending = doc.upload && doc.upload.photo === input.photo ? doc.upload : null;
  if (pending && pending.parts !== input.parts) {
    return refuse('INVALID_INPUT', '照片分段数与开始上传时不一致，请重新上传这张照片');
  }
  const received = pending?.received ?? 0;
  if (input.part < received) {
    // A retry after a lost answer: the same bytes are fine, different ones are another photo.
    if (stored?.digest === input.digest) return { ok: true, step: 'have', received };
    return refuse('CONFLICT', '这一段照片与已上传的不一致，请重新选择照片');
  }
  if (input.part > received) {
    return refuse('INVALID_INPUT', `照片分段顺序不对，请从第 ${received + 1} 段继续上传`);
  }
  const photoBytes = (pending?.bytes ?? 0) + input.size;
  if (photoBytes > ANONYMOUS_PHOTO_LIMITS.photoBytes) {
    return refuse('INVALID_INPUT', `单张照片不能超过 ${ANONYMOUS_PHOTO_LIMITS.photoBytes / MB} MB`);
  }
  if ((doc.bytes ?? 0) + photoBytes > ANONYMOUS_PHOTO_LIMITS.ticketBytes) {
    return refuse('INVALID_INPUT', `一次匿名举报的照片合计不能超过 ${ANONYMOUS_PHOTO_LIMITS.ticketBytes / MB} MB`);
  }
  // Starting a photo while another was left half-sent (its upload given up): the other one's parts go.
  const dropped = !pending && doc.upload ? doc.upload : null;
  return { ok: true, step: input.part === input.parts - 1 ? 'last' : 'store', bytes: photoBytes, dropped };
}

/** The ids of a half-sent photo's stored parts (0 … received-1), for removal. */
export const storedPartIds = (ticketId: string, pending: Pick<PendingPhoto, 'photo' | 'received'>): string[] =>
  Array.from({ length: pending.received }, (_, i) => photoPartId(ticketId, pending.photo, i));

/** A part's document id: ticket, photo and number, so a retried part lands on the same row. */
export const photoPartId = (ticketId: string, photo: string, part: number): string => `${ticketId}.${photo}.${part}`;
