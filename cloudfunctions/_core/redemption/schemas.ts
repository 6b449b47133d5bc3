/**
 * The input pieces every catalogue's actions share (greencoin, timebank): ids that become parts of
 * account and document ids, client idempotency keys, list pages, and who staff are.
 */
import { z } from 'zod';

/** Ids of users, communities and documents: plain characters only (they become parts of account ids). */
export const ZId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);
/** Made by the client, one per intended write (a UUID is ideal). */
export const ZIdempotencyKey = z.string().min(1).max(128);
export const ZListPage = {
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
};
/** Optional client key for decisions: a retried tap gets the first answer instead of a CONFLICT. */
export const ZOptionalKey = { idempotencyKey: ZIdempotencyKey.optional() };
export const STAFF = ['staff', 'admin'] as const;
