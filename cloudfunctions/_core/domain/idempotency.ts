/**
 * Idempotency records: one per (caller scope, client key). The first request under a key stores a
 * fingerprint of its payload and its outcome, success or failure. Later requests with the same
 * key get the stored outcome back if the payload matches, CONFLICT if it does not; nothing new is
 * written either way. A key whose request failed stays failed.
 */
export interface IdempotencyDoc {
  /** `<scope>|<key>`; the scope is usually the caller's user id. */
  _id: string;
  requestHash: string;
  status: 'succeeded' | 'failed';
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  /** The person the cached result is about (it may carry their nickname), so erasure can find it. */
  subjectUserId?: string | null;
}

const PLAIN_KEY = /^[A-Za-z0-9_.:@-]{1,64}$/;

/** Plain keys are kept as they are; any other key is fingerprinted, so every key makes a storable id. */
export const idempotencyId = (scope: string, key: string): string =>
  `${scope}|${PLAIN_KEY.test(key) ? key : `h.${requestHash(key).replace(/:/g, '.')}`}`;

/** JSON with object keys sorted, so that equal payloads give equal strings whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** FNV-1a 64-bit over the canonical JSON: a stable fingerprint without any I/O or crypto module. */
export function requestHash(request: unknown): string {
  const text = canonicalJson(request);
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return `fnv1a64:${hash.toString(16).padStart(16, '0')}:${text.length}`;
}

export type ReplayDecision = { kind: 'fresh' } | { kind: 'replay'; record: IdempotencyDoc } | { kind: 'conflict' };

export function decideReplay(existing: IdempotencyDoc | null, hash: string): ReplayDecision {
  if (!existing) return { kind: 'fresh' };
  return existing.requestHash === hash ? { kind: 'replay', record: existing } : { kind: 'conflict' };
}
