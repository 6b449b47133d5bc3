import Taro from '@tarojs/taro';
import type { Role } from '../../cloudfunctions/_core/domain/roles';

export interface Entry {
  key: string;
  text: string;
  url: string;
  /** Tab pages must be opened with switchTab. */
  tab?: boolean;
}

/** What each role can open from the home page; each feature adds its own entries here. */
export const ROLE_ENTRIES: Record<Role, Entry[]> = {
  resident: [
    { key: 'report', text: '随手拍', url: '/pages/report/index', tab: true },
    { key: 'report-mine', text: '我的上报', url: '/packages/reports/mine/index' },
    { key: 'greencoin', text: '我的绿币', url: '/packages/greencoin/wallet/index' },
    { key: 'greencoin-shop', text: '爱心超市', url: '/packages/greencoin/shop/index' },
    { key: 'council-notices', text: '议事公告', url: '/packages/council/notices/index' },
    { key: 'council-topics', text: '居民议题', url: '/packages/council/topics/index' },
    { key: 'council-board', text: '公开栏', url: '/packages/council/board/index' },
    // Residents register as volunteers from the time-bank card.
    { key: 'volunteer-me', text: '时间银行', url: '/packages/volunteer/me/index' },
    { key: 'safety-mine', text: '平安细胞', url: '/packages/safety/mine/index' },
    { key: 'safety-public', text: '平安光荣榜', url: '/packages/safety/public/index' },
    { key: 'services-catalogue', text: '便民服务', url: '/packages/services/catalogue/index' },
    { key: 'services-mine', text: '我的办事', url: '/packages/services/mine/index' },
    { key: 'tips-report', text: '举报奖励', url: '/packages/tips/report/index' },
    { key: 'sages-apply', text: '乡贤选任', url: '/packages/sages/apply/index' },
  ],
  volunteer: [
    { key: 'volunteer-activities', text: '志愿活动', url: '/packages/volunteer/activities/index' },
    { key: 'volunteer-me', text: '时间银行', url: '/packages/volunteer/me/index' },
  ],
  gridworker: [{ key: 'report-queue', text: '网格工单', url: '/packages/reports/queue/index' }],
  staff: [
    { key: 'report-dispatch', text: '派单工作台', url: '/packages/reports/queue/index' },
    { key: 'report-stats', text: '事项统计', url: '/packages/reports/stats/index' },
    { key: 'greencoin-score', text: '绿币评定', url: '/packages/greencoin/score/index' },
    { key: 'greencoin-queue', text: '兑换审核', url: '/packages/greencoin/queue/index' },
    { key: 'council-manage', text: '议事管理', url: '/packages/council/manage/index' },
    { key: 'volunteer-staff', text: '志愿者管理', url: '/packages/volunteer/staff/index' },
    { key: 'council-procedures', text: '四议两公开', url: '/packages/council/procedures/index' },
    { key: 'admin-dashboard', text: '数据看板', url: '/packages/admin/dashboard/index' },
    { key: 'safety-queue', text: '平安细胞评定', url: '/packages/safety/queue/index' },
    { key: 'admin-roles', text: '人员与角色', url: '/packages/admin/roles/index' },
    { key: 'services-window', text: '服务窗口', url: '/packages/services/window/index' },
    { key: 'sages-review', text: '乡贤资格审查', url: '/packages/sages/review/index' },
  ],
  sage: [
    { key: 'report-stats', text: '事项统计', url: '/packages/reports/stats/index' },
    { key: 'council-opinions', text: '监督意见', url: '/packages/council/opinions/index' },
    { key: 'council-manage', text: '议事监督', url: '/packages/council/manage/index' },
    { key: 'services-seals', text: '用印监督', url: '/packages/services/seals/index' },
  ],
  admin: [
    { key: 'admin-dashboard', text: '数据看板', url: '/packages/admin/dashboard/index' },
    { key: 'admin-places', text: '街道社区网格', url: '/packages/admin/places/index' },
    { key: 'admin-roles', text: '人员与角色', url: '/packages/admin/roles/index' },
    { key: 'safety-queue', text: '平安细胞评定', url: '/packages/safety/queue/index' },
    { key: 'sages-review', text: '乡贤审定', url: '/packages/sages/review/index' },
    { key: 'sages-terms', text: '乡贤任期', url: '/packages/sages/terms/index' },
    { key: 'tips-officers', text: '举报受理员', url: '/packages/tips/officers/index' },
  ],
  // 举报奖励: designated officers of a scheme receive, grade and approve its tips.
  tip_officer: [{ key: 'tips-desk', text: '举报受理', url: '/packages/tips/desk/index' }],
};

export const COMMON_ENTRIES: Entry[] = [{ key: 'profile', text: '我的资料', url: '/packages/profile/edit/index' }];

/** Entries for a set of roles, each once, in role order. */
export function entriesFor(roles: readonly Role[]): Entry[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const entry of [...roles.flatMap((role) => ROLE_ENTRIES[role]), ...COMMON_ENTRIES]) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    entries.push(entry);
  }
  return entries;
}

export const openEntry = (entry: Pick<Entry, 'url' | 'tab'>): Promise<unknown> =>
  entry.tab ? Taro.switchTab({ url: entry.url }) : Taro.navigateTo({ url: entry.url });
