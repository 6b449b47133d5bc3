import { isStaffOf, seesAnonymousReporter } from '../../_core/domain/policy';
import { DEFAULT_CATEGORIES } from '../../_core/domain/reports/categories';
import type { Relation } from '../../_core/domain/reports/lifecycle';
import type { CategoryDoc, ReportDoc } from '../../_core/domain/reports/types';
import { REPORT_COLLECTIONS } from '../../_core/domain/reports/types';
import { type Caller, holdsGrid, holdsIn } from '../../_core/domain/roles';
import { IMAGE_TYPES } from '../../_core/domain/uploads';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertOwnUploads } from '../../_core/runtime/uploads';
import type { TxStore } from '../../_core/store/docstore';

export { isStaffOf };

/** How the caller relates to a report (see lifecycle.ts). */
export function relationsOf(caller: Caller, report: ReportDoc): Set<Relation> {
  const relations = new Set<Relation>();
  if (caller.userId === report.reporterUserId) relations.add('reporter');
  const handler = report.assigneeUserId
    ? report.assigneeUserId === caller.userId
    : holdsGrid(caller, report.gridId) && holdsIn(caller, 'gridworker', report.communityId);
  if (handler) relations.add('handler');
  if (isStaffOf(caller, report.communityId)) relations.add('staff');
  return relations;
}

/**
 * Those who must act on the case see who filed an anonymous report and where exactly (the policy's
 * anonymity rule): the reporter, the community's staff, the grid worker assigned (or of its grid
 * while unassigned). Other grid workers of the community do not.
 */
export const seesReporter = (caller: Caller, report: ReportDoc): boolean =>
  !report.anonymous ||
  seesAnonymousReporter(caller, {
    communityId: report.communityId,
    gridId: report.gridId,
    assigneeId: report.assigneeUserId,
    reporterId: report.reporterUserId,
  });

/** Anyone holding a role in the report's community may read it (residents, sages, workers), and the reporter. */
export const canView = (caller: Caller, report: ReportDoc): boolean =>
  caller.userId === report.reporterUserId ||
  caller.grants.some((g) => g.communityId === report.communityId || (g.role === 'admin' && !g.communityId));

export async function loadVisibleReport(store: TxStore, caller: Caller, reportId: string): Promise<ReportDoc> {
  const report = await store.get<ReportDoc>(REPORT_COLLECTIONS.reports, reportId);
  // Not visible and not existing look the same: ids of other communities' reports leak nothing.
  if (!report || !canView(caller, report)) throw new AppError('NOT_FOUND', '事项不存在或您无权查看');
  return report;
}

/** The published defaults plus the community's own categories. */
export async function listCategories(ctx: ActionContext, communityId: string | undefined) {
  const own = communityId
    ? await ctx.store.find<CategoryDoc>(
        REPORT_COLLECTIONS.categories,
        { communityId },
        { orderBy: [['createdAt', 'asc']], limit: 100 },
      )
    : [];
  return [...DEFAULT_CATEGORIES, ...own].map((c) => ({
    id: c._id,
    name: c.name,
    responseHours: c.responseHours,
    resolveHours: c.resolveHours,
    custom: c.communityId !== null,
  }));
}

export async function findCategory(store: TxStore, categoryId: string, communityId: string) {
  const fixed = DEFAULT_CATEGORIES.find((c) => c._id === categoryId);
  if (fixed) return fixed;
  const own = await store.get<CategoryDoc>(REPORT_COLLECTIONS.categories, categoryId);
  return own && own.communityId === communityId ? own : null;
}

/** Photos must be the caller's own uploads whose bytes are images (runtime/uploads.ts decides). */
export async function assertPhotos(ctx: ActionContext, photos: readonly string[]): Promise<void> {
  if (new Set(photos).size !== photos.length) throw new AppError('INVALID_INPUT', '照片重复');
  await assertOwnUploads(ctx, photos, IMAGE_TYPES, '照片');
}
