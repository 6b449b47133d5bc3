import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type CommunityDoc, type GridDoc, type UserDoc } from '../../_core/domain/people';
import {
  type CaseCounterDoc,
  caseCounterId,
  caseNumber,
  caseShardOf,
  DEFAULT_CASE_PREFIX,
} from '../../_core/domain/reports/case';
import { newReportDoc } from '../../_core/domain/reports/new';
import { chinaDay } from '../../_core/domain/reports/sla';
import { type QuotaDoc, REPORT_COLLECTIONS, type ReportDoc } from '../../_core/domain/reports/types';
import { holdsIn } from '../../_core/domain/roles';
import { idempotent } from '../../_core/idempotency';
import { countReportChange } from '../../_core/ledger/reportFigures';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertProxy, recordProxyAction } from '../../_core/runtime/proxy';
import type { TxStore } from '../../_core/store/docstore';
import { assertPhotos, findCategory, isStaffOf } from '../lib/access';
import { appendEvent, excerpt, freshIds, notify, slaFields } from '../lib/changes';
import { type Placement, placeInCommunity } from '../lib/places';

/** Per person per day (China time); staff filing for residents are not limited. */
export const DAILY_REPORT_LIMIT = 10;

export const ZFileId = z.string().min(1).max(300);

export const ZLocation = z.strictObject({
  address: z.string().trim().min(2).max(100),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export const ZSubmitInputSchema = z.strictObject({
  category: z.string().min(1).max(40),
  description: z.string().trim().min(5).max(500),
  /** Upload ids from POST /api/files (h5) or Taro.cloud.uploadFile (weapp). */
  photos: z.array(ZFileId).min(1).max(9),
  location: ZLocation,
  anonymous: z.boolean().default(false),
  /**
   * The grid of the chosen place. Without it, a place with coordinates is put in the grid it lies
   * in (or the nearest one, and the answer says so); without either, the reporter's home grid.
   */
  gridId: z.string().min(1).max(64).optional(),
  /**
   * Filing for a resident: staff for one who phoned or came by, or a helper the resident
   * authorised (代办: family member or grid worker, identity `proxy.grant` with scope `reports`).
   */
  onBehalfOfUserId: z.string().min(1).max(64).optional(),
  /**
   * Made on the phone once per draft, so a queued submission retried on a weak network files one
   * report: same key + same payload → the original report; same key + another payload → CONFLICT.
   */
  idempotencyKey: z.string().min(8).max(128).optional(),
});

type SubmitInput = z.infer<typeof ZSubmitInputSchema>;

/** Who the report is for, and on what authority it is filed. */
interface Reporter {
  /** Filed for someone else (staff or a 代办 helper). */
  proxy: boolean;
  /** Filed on the resident's grant rather than as their community's staff. */
  byGrant: boolean;
  reporterId: string;
  homeGrid: string | undefined;
  residentCommunity: string | undefined;
}

/** Staff may file for any resident of their community; anyone else only with the resident's grant. */
async function resolveReporter(ctx: ActionContext, input: SubmitInput): Promise<Reporter> {
  const proxy = input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== ctx.caller.userId;
  if (!proxy) {
    return {
      proxy,
      byGrant: false,
      reporterId: ctx.caller.userId,
      homeGrid: ctx.caller.gridId,
      residentCommunity: undefined,
    };
  }
  const resident = await ctx.store.get<UserDoc>(COLLECTIONS.users, input.onBehalfOfUserId as string);
  if (!resident?.communityId) throw new AppError('FORBIDDEN', '只能为本社区的居民代为上报');
  let byGrant = false;
  if (!isStaffOf(ctx.caller, resident.communityId)) {
    await assertProxy(ctx.store, ctx.caller, resident._id, 'reports');
    byGrant = true;
  }
  return {
    proxy,
    byGrant,
    reporterId: resident._id,
    homeGrid: resident.gridId,
    residentCommunity: resident.communityId,
  };
}

/** The grid named, else the one the coordinates lie in (or the nearest), else the reporter's home grid. */
async function chooseGrid(
  ctx: ActionContext,
  input: SubmitInput,
  who: Reporter,
): Promise<{ grid: GridDoc; placement: Placement | null }> {
  if ((input.location.latitude === undefined) !== (input.location.longitude === undefined)) {
    throw new AppError('INVALID_INPUT', '位置坐标不完整');
  }
  let placement: Placement | null = null;
  if (input.gridId === undefined && input.location.latitude !== undefined && who.homeGrid) {
    // The problem's place decides the grid, among the grids of the reporter's own community.
    const home = await ctx.store.get<GridDoc>(COLLECTIONS.grids, who.homeGrid);
    if (home) {
      placement = await placeInCommunity(ctx, home.communityId, {
        latitude: input.location.latitude,
        longitude: input.location.longitude as number,
      });
    }
  }
  const gridId = input.gridId ?? placement?.gridId ?? who.homeGrid;
  if (!gridId) throw new AppError('INVALID_INPUT', '请先选择您所在的社区和网格');
  const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, gridId);
  if (!grid) throw new AppError('NOT_FOUND', '所选网格不存在');
  const allowed = who.proxy
    ? who.byGrant
      ? grid.communityId === who.residentCommunity
      : isStaffOf(ctx.caller, grid.communityId)
    : holdsIn(ctx.caller, 'resident', grid.communityId) || isStaffOf(ctx.caller, grid.communityId);
  if (!allowed) throw new AppError('FORBIDDEN', '只能上报本社区的事项');
  return { grid, placement };
}

/** Everything the transaction writes, decided (and its ids made) before it starts. */
interface Filing {
  input: SubmitInput;
  who: Reporter;
  grid: GridDoc;
  placement: Placement | null;
  report: ReportDoc;
  casePrefix: string;
  today: string;
  ids: { messageId: string; outboxId: string; proxyActionId: string; auditId: string };
  nowIso: string;
}

/** A helper filing on a grant: the grant re-read in the transaction, the proxy record and the audit entry. */
async function recordGrantFiling(tx: TxStore, ctx: ActionContext, f: Filing): Promise<void> {
  const target = { collection: REPORT_COLLECTIONS.reports, id: f.report._id };
  // Re-read in the transaction: a revocation that landed first is honoured.
  await assertProxy(tx, ctx.caller, f.who.reporterId, 'reports');
  await recordProxyAction(tx, {
    _id: f.ids.proxyActionId,
    principalUserId: f.who.reporterId,
    agentUserId: ctx.caller.userId,
    scope: 'reports',
    action: 'reports.submit',
    target,
    summary: `代您上报：${excerpt(f.input.description, 30)}`,
    at: f.nowIso,
  });
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: f.ids.auditId,
      at: f.nowIso,
      actorUserId: ctx.caller.userId,
      action: 'reports.submit.proxy',
      communityId: f.grid.communityId,
      target,
      details: { onBehalfOf: f.who.reporterId },
    }),
  );
}

/** Counted inside the transaction so parallel submissions cannot slip past the limit. */
async function countAgainstQuota(tx: TxStore, quotaId: string): Promise<void> {
  const quota = await tx.get<QuotaDoc>(REPORT_COLLECTIONS.quotas, quotaId);
  if (quota && quota.count >= DAILY_REPORT_LIMIT) {
    throw new AppError('RATE_LIMITED', `每人每天最多上报 ${DAILY_REPORT_LIMIT} 件，请明天再来`);
  }
  if (quota) await tx.updateById(REPORT_COLLECTIONS.quotas, quotaId, { $inc: { count: 1 } });
  else await tx.insert<QuotaDoc>(REPORT_COLLECTIONS.quotas, { _id: quotaId, count: 1 });
}

/**
 * The case number is drawn in the same transaction: a rerun body re-reads the counter, and two
 * submissions racing for the same number cannot both commit (the loser retries with the next).
 */
async function drawCaseNumber(tx: TxStore, f: Filing): Promise<string> {
  const caseShard = caseShardOf(f.report._id);
  const counterId = caseCounterId(f.grid.communityId, f.today, caseShard);
  const counter = await tx.get<CaseCounterDoc>(REPORT_COLLECTIONS.caseCounters, counterId);
  const n = (counter?.count ?? 0) + 1;
  if (counter) await tx.updateById(REPORT_COLLECTIONS.caseCounters, counterId, { $set: { count: n } });
  else {
    await tx.insert<CaseCounterDoc>(REPORT_COLLECTIONS.caseCounters, {
      _id: counterId,
      communityId: f.grid.communityId,
      day: f.today,
      shard: caseShard,
      count: n,
    });
  }
  return caseNumber(f.casePrefix, f.today, caseShard, n);
}

/** The transaction body: retry-safe, since every id and time was fixed before it. */
async function fileReport(tx: TxStore, ctx: ActionContext, f: Filing) {
  const { who, report, nowIso } = f;
  if (who.byGrant) await recordGrantFiling(tx, ctx, f);
  // A helper's filings count against the resident's daily limit; staff filings are not limited.
  if (!who.proxy || who.byGrant) await countAgainstQuota(tx, `${who.reporterId}:${f.today}`);
  const caseNo = await drawCaseNumber(tx, f);
  await tx.insert(REPORT_COLLECTIONS.reports, { ...report, caseNo });
  await appendEvent(tx, report, 1, {
    at: nowIso,
    actorUserId: ctx.caller.userId,
    action: 'submit',
    fromStatus: null,
    toStatus: 'submitted',
    note: who.byGrant ? '受居民委托代为上报（代办）' : who.proxy ? '社区工作者代居民上报' : null,
    photos: [],
  });
  await countReportChange(tx, null, report);
  if (who.proxy) {
    await notify(
      tx,
      { messageId: f.ids.messageId, outboxId: f.ids.outboxId },
      {
        userId: who.reporterId,
        title: who.byGrant ? '您授权的代办人已代您上报事项' : '社区已代您上报事项',
        body: `工单编号 ${caseNo}：${f.input.description}`,
        reportId: report._id,
        at: nowIso,
      },
    );
  }
  return {
    id: report._id,
    caseNo,
    gridId: f.grid._id,
    gridName: f.grid.name,
    /** Set when the grid was found from the coordinates; `inside: false` means the nearest grid. */
    placement: f.placement,
    status: report.status,
    responseDueAt: report.responseDueAt,
    resolveDueAt: report.resolveDueAt,
  };
}

export const submit = defineAction({
  summary: '随手拍：上报事项（1–9 张照片、位置、类别，可匿名；工作人员可代居民上报）',
  input: ZSubmitInputSchema,
  roles: ['resident', 'staff', 'gridworker'],
  access: { scope: ['self', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const who = await resolveReporter(ctx, input);
    const { grid, placement } = await chooseGrid(ctx, input, who);
    const category = await findCategory(ctx.store, input.category, grid.communityId);
    if (!category) throw new AppError('INVALID_INPUT', '请选择有效的事项类别');
    await assertPhotos(ctx, input.photos);
    const community = await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, grid.communityId);

    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const [reportId, messageId, outboxId, proxyActionId, auditId] = freshIds(ctx, 5) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const base = newReportDoc({
      id: reportId,
      communityId: grid.communityId,
      gridId: grid._id,
      category,
      description: input.description,
      photos: input.photos,
      location: input.location,
      anonymous: input.anonymous,
      reporterUserId: who.reporterId,
      filedByUserId: who.proxy ? ctx.caller.userId : null,
      at: nowIso,
    });
    const filing: Filing = {
      input,
      who,
      grid,
      placement,
      report: { ...base, ...slaFields(base) },
      casePrefix: community?.caseCode ?? DEFAULT_CASE_PREFIX,
      today: chinaDay(now),
      ids: { messageId, outboxId, proxyActionId, auditId },
      nowIso,
    };
    const write = (tx: TxStore) => fileReport(tx, ctx, filing);
    const { idempotencyKey, ...request } = input;
    if (idempotencyKey === undefined) return ctx.store.runTransaction(write);
    // The ledger's key records (the same collection and rules as redemptions), scoped to the caller.
    return idempotent(
      ctx.store,
      { scope: ctx.caller.userId, key: idempotencyKey, request: { action: 'reports.submit', ...request }, at: nowIso },
      write,
    );
  },
});
