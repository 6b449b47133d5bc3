import type { ErrorCode } from './errors';

/** What every action answers, over HTTP locally and as `result` of `callFunction` in weapp. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const err = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });
