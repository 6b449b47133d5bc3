import { formatClock } from '../../../components/ui';

/** "19 小时 10 分钟" (or "30 分钟") from minutes. */
export const hoursText = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  // "30 分钟", not "0 小时 30 分钟".
  if (h === 0 && m > 0) return `${m} 分钟`;
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
};

export const starsText = (stars: number): string => (stars > 0 ? '★'.repeat(stars) : '暂未评星');

/** "09:30" of a time, or a dash when there is none (no check-in yet). */
export const clockText = (iso: string | null | undefined): string => (iso ? formatClock(iso) : '—');

/** A typed whole number of minutes, or undefined when the field is empty or not one. */
export function typedMinutes(text: string): number | undefined {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The skills typed as "理发、家电维修 陪伴聊天": split on any separator, at most 10. */
export const skillList = (text: string): string[] =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 10);
