const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Meetings happen in China: show China Standard Time whatever the device's zone. */
function cstParts(iso: string) {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: WEEKDAYS[d.getUTCDay()],
    time: `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`,
  };
}

/** 1月5日（周一）19:00 */
export function formatDateTime(iso: string): string {
  const p = cstParts(iso);
  return `${p.month}月${p.day}日（周${p.weekday}）${p.time}`;
}

/** 1月5日 19:00–21:00 */
export function formatSpan(startsAt: string, endsAt: string): string {
  const a = cstParts(startsAt);
  const b = cstParts(endsAt);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return `${formatDateTime(startsAt)}–${sameDay ? b.time : formatDateTime(endsAt)}`;
}

export function formatDate(iso: string): string {
  const p = cstParts(iso);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** YYYY-MM-DD in China time, for date pickers. */
export function cstDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A picker's date and time in China time → ISO with offset. */
export function toIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}
