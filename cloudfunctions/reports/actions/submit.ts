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
import { idempotent } from '../../_core/idempotency';
import { countReportChange } from '../../_core/ledger/reportFigures';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertProxy, recordProxyAction } from '../../_core/runtime/proxy';
import { holdsIn } from '../../_core/runtime/roles';
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

export const submit = defineAction({
  summary: '随手拍：上报事项（1–9 张照片、位置、类别，可匿名；工作人员可代居民上报）',
  input: ZSubmitInputSchema,
  roles: ['resident', 'staff', 'gridworker'],
  access: { scope: ['self', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const proxy = input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== ctx.caller.userId;
    let reporterId = ctx.caller.userId;
    let homeGrid = ctx.caller.gridId;
    let residentCommunity: string | undefined;
    // Staff may file for any resident of their community; anyone else only with the resident's grant.
    let byGrant = false;
    if (proxy) {
      const resident = await ctx.store.get<UserDoc>(COLLECTIONS.users, input.onBehalfOfUserId as string);
      if (!resident?.communityId) throw new AppError('FORBIDDEN', '只能为本社区的居民代为上报');
      if (!isStaffOf(ctx.caller, resident.communityId)) {
        await assertProxy(ctx.store, ctx.caller, resident._id, 'reports');
        byGrant = true;
      }
      reporterId = resident._id;
      homeGrid = resident.gridId;
      residentCommunity = resident.communityId;
    }
    if ((input.location.latitude === undefined) !== (input.location.longitude === undefined)) {
      throw new AppError('INVALID_INPUT', '位置坐标不完整');
    }
    let placement: Placement | null = null;
    if (input.gridId === undefined && input.location.latitude !== undefined && homeGrid) {
      // The problem's place decides the grid, among the grids of the reporter's own community.
      const home = await ctx.store.get<GridDoc>(COLLECTIONS.grids, homeGrid);
      if (home) {
        placement = await placeInCommunity(ctx, home.communityId, {
          latitude: input.location.latitude,
          longitude: input.location.longitude as number,
        });
      }
    }
    const gridId = input.gridId ?? placement?.gridId ?? homeGrid;
    if (!gridId) throw new AppError('INVALID_INPUT', '请先选择您所在的社区和网格');
    const grid = await ctx.store.get<GridDoc>(COLLECTIONS.grids, gridId);
    if (!grid) throw new AppError('NOT_FOUND', '所选网格不存在');
    const allowed = proxy
      ? byGrant
        ? grid.communityId === residentCommunity
        : isStaffOf(ctx.caller, grid.communityId)
      : holdsIn(ctx.caller, 'resident', grid.communityId) || isStaffOf(ctx.caller, grid.communityId);
    if (!allowed) throw new AppError('FORBIDDEN', '只能上报本社区的事项');
    const category = await findCategory(ctx.store, input.category, grid.communityId);
    if (!category) throw new AppError('INVALID_INPUT', '请选择有效的事项类别');
    await assertPhotos(ctx, input.photos);
    const community = await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, grid.communityId);
    const casePrefix = community?.caseCode ?? DEFAULT_CASE_PREFIX;

    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const [reportId, messageId, outboxId, proxyActionId, auditId] = freshIds(ctx, 5) as [
      string,
      string,
      string,
      string,
      string,
    ];
    // A helper's filings count against the resident's daily limit; staff filings are not limited.
    const today = chinaDay(now);
    const quotaId = `${reporterId}:${today}`;
    const caseShard = caseShardOf(reportId);
    const counterId = caseCounterId(grid.communityId, today, caseShard);
    const limited = !proxy || byGrant;
    const base = newReportDoc({
      id: reportId,
      communityId: grid.communityId,
      gridId: grid._id,
      category,
      description: input.description,
      photos: input.photos,
      location: input.location,
      anonymous: input.anonymous,
      reporterUserId: reporterId,
      filedByUserId: proxy ? ctx.caller.userId : null,
      at: nowIso,
    });
    const report: ReportDoc = { ...base, ...slaFields(base) };
    const write = async (tx: TxStore) => {
      if (byGrant) {
        // Re-read in the transaction: a revocation that landed first is honoured.
        await assertProxy(tx, ctx.caller, reporterId, 'reports');
        await recordProxyAction(tx, {
          _id: proxyActionId,
          principalUserId: reporterId,
          agentUserId: ctx.caller.userId,
          scope: 'reports',
          action: 'reports.submit',
          target: { collection: REPORT_COLLECTIONS.reports, id: reportId },
          summary: `代您上报：${excerpt(input.description, 30)}`,
          at: nowIso,
        });
        await tx.insert(
          AUDIT_COLLECTION,
          auditEntry({
            id: auditId,
            at: nowIso,
            actorUserId: ctx.caller.userId,
            action: 'reports.submit.proxy',
            communityId: grid.communityId,
            target: { collection: REPORT_COLLECTIONS.reports, id: reportId },
            details: { onBehalfOf: reporterId },
          }),
        );
      }
      if (limited) {
        // Counted inside the transaction so parallel submissions cannot slip past the limit.
        const quota = await tx.get<QuotaDoc>(REPORT_COLLECTIONS.quotas, quotaId);
        if (quota && quota.count >= DAILY_REPORT_LIMIT) {
          throw new AppError('RATE_LIMITED', `每人每天最多上报 ${DAILY_REPORT_LIMIT} 件，请明天再来`);
        }
        if (quota) await tx.updateById(REPORT_COLLECTIONS.quotas, quotaId, { $inc: { count: 1 } });
        else await tx.insert<QuotaDoc>(REPORT_COLLECTIONS.quotas, { _id: quotaId, count: 1 });
      }
      // The case number is drawn in the same transaction: a rerun body re-reads the counter, and two
      // submissions racing for the same number cannot both commit (the loser retries with the next).
      const counter = await tx.get<CaseCounterDoc>(REPORT_COLLECTIONS.caseCounters, counterId);
      const n = (counter?.count ?? 0) + 1;
      if (counter) await tx.updateById(REPORT_COLLECTIONS.caseCounters, counterId, { $set: { count: n } });
      else {
        await tx.insert<CaseCounterDoc>(REPORT_COLLECTIONS.caseCounters, {
          _id: counterId,
          communityId: grid.communityId,
          day: today,
          shard: caseShard,
          count: n,
        });
      }
      const caseNo = caseNumber(casePrefix, today, caseShard, n);
      await tx.insert(REPORT_COLLECTIONS.reports, { ...report, caseNo });
      await appendEvent(tx, report, 1, {
        at: nowIso,
        actorUserId: ctx.caller.userId,
        action: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        note: byGrant ? '受居民委托代为上报（代办）' : proxy ? '社区工作者代居民上报' : null,
        photos: [],
      });
      await countReportChange(tx, null, report);
      if (proxy) {
        await notify(
          tx,
          { messageId, outboxId },
          {
            userId: reporterId,
            title: byGrant ? '您授权的代办人已代您上报事项' : '社区已代您上报事项',
            body: `工单编号 ${caseNo}：${input.description}`,
            reportId,
            at: nowIso,
          },
        );
      }
      return {
        id: reportId,
        caseNo,
        gridId: grid._id,
        gridName: grid.name,
        /** Set when the grid was found from the coordinates; `inside: false` means the nearest grid. */
        placement,
        status: report.status,
        responseDueAt: report.responseDueAt,
        resolveDueAt: report.resolveDueAt,
      };
    };
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
