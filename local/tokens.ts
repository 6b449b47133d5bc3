import { createHmac, timingSafeEqual } from 'node:crypto';

/** Dev-login tokens: `<openid>.<expiry ms>.<hmac>`, signed with a secret kept in the data folder. */
export function issueToken(secret: string, openid: string, now: number, ttlMs = 7 * 24 * 3600 * 1000): string {
  const body = `${Buffer.from(openid).toString('base64url')}.${now + ttlMs}`;
  return `${body}.${sign(secret, body)}`;
}

/** The openid inside a valid, unexpired token; null for anything forged, malformed or expired. */
export function verifyToken(secret: string, token: string, now: number): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [encodedOpenid, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${encodedOpenid}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!/^\d+$/.test(expiry) || Number(expiry) <= now) return null;
  return Buffer.from(encodedOpenid, 'base64url').toString('utf8');
}

const sign = (secret: string, body: string): string => createHmac('sha256', secret).update(body).digest('base64url');
