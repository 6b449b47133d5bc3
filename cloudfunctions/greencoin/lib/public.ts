export { ZId } from '../../_core/redemption/schemas';

/** Names of the ledger categories that are not rubric categories (report rewards, the time bank). */
export const EXTRA_CATEGORY_NAMES: Record<string, string> = { report: '举报奖励', timebank: '志愿服务' };

export const previousMonths = (month: string, n: number): string[] => {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
};
