/** Period presets in China time (UTC+8), where the programme runs. */
const CN = 8 * 3600_000;

export interface Period {
  key: string;
  label: string;
  from: string;
  to: string;
}

/** Midnight (China time) of the first day of month `m` (0-based, may overflow) of year `y`, as ISO. */
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - CN).toISOString();

export function periods(now: Date): Period[] {
  const local = new Date(now.getTime() + CN);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return [
    { key: 'month', label: '本月', from: monthStart(y, m), to: monthStart(y, m + 1) },
    { key: 'last', label: '上月', from: monthStart(y, m - 1), to: monthStart(y, m) },
    { key: 'quarter', label: '近三月', from: monthStart(y, m - 2), to: monthStart(y, m + 1) },
    { key: 'year', label: '今年', from: monthStart(y, 0), to: monthStart(y + 1, 0) },
  ];
}
