/**
 * What our QR codes carry: a short prefix, the kind and its fields, so a scan of someone else's
 * code (a shop's payment code, a web link) is told apart from ours with a clear message.
 */
const PREFIX = 'GZ1';

export type QrPayload =
  | { kind: 'checkin'; activityId: string; code: string }
  /** A green-coin redemption's pickup code, scanned by staff at the counter. */
  | { kind: 'pickup'; code: string };

export function qrText(p: QrPayload): string {
  return p.kind === 'checkin' ? `${PREFIX}|checkin|${p.activityId}|${p.code}` : `${PREFIX}|pickup|${p.code}`;
}

/** The payload of a scanned text, or null when it is not one of ours (or not well formed). */
export function parseQr(text: string): QrPayload | null {
  const parts = text.trim().split('|');
  if (parts[0] !== PREFIX) return null;
  if (parts[1] === 'checkin' && parts.length === 4 && /^[A-Za-z0-9_.@-]{1,64}$/.test(parts[2] ?? '')) {
    return /^\d{6}$/.test(parts[3] ?? '')
      ? { kind: 'checkin', activityId: parts[2] as string, code: parts[3] as string }
      : null;
  }
  if (parts[1] === 'pickup' && parts.length === 3 && /^\d{6}$/.test(parts[2] ?? '')) {
    return { kind: 'pickup', code: parts[2] as string };
  }
  return null;
}
