/** The privacy notice people accept on first use (PIPL); bumping the version asks everyone again. */
export const PRIVACY_NOTICE_VERSION = '2026-11-01';

/** 13812345678 → 138****5678: how a phone number appears to anyone but its owner. */
export function maskPhone(phone: string | undefined | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
