/** The privacy notice people accept on first use (PIPL); bumping the version asks everyone again. */
export const PRIVACY_NOTICE_VERSION = '2026-11-01';

/** 13812345678 → 138****5678: how a phone number appears to anyone but its owner. */
export function maskPhone(phone: string | undefined | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Fields of a user record that identify the person; erasure removes them and keeps the rest. */
export const ERASED_USER_FIELDS = ['phone', 'realName'] as const;
export const ERASED_NICKNAME = '已注销用户';

/**
 * Text bound for a log line (an unexpected error's message or stack), with what could identify a
 * person taken out: runs of 7+ digits (phones, ID numbers), e-mail addresses, and Chinese text
 * (names, addresses, descriptions). Logs outlive erasure requests, so they must hold none of it.
 */
export function redactForLog(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>')
    .replace(/\d{6,}[\dXx]?/g, (digits) => (digits.length >= 7 ? '<digits>' : digits))
    .replace(/[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+/g, '<text>');
}
