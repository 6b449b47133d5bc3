import { z } from 'zod';
import { COLLECTIONS, type GridDoc, MAX_GRIDS_PER_COMMUNITY, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { isSatisfied, ratingLabel } from '../../_core/domain/reports/case';
import { shiftDeadlines } from '../../_core/domain/reports/sla';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertPhotos } from '../lib/access';
import { runTransition } from '../lib/changes';
import { ZFileId } from './submit';

const ZReportId = z.string().min(1).max(64);
const ZReason = z.string().trim().min(2).max(200);

/** What every lifecycle action answers: the new status (pages reload the detail). */
const answer = (r: { _id: string; status: string; version: number }) => ({
  id: r._id,
  status: r.status,
  version: r.version,
});

export const ZDispatchInputSchema = z.strictObject({
  reportId: ZReportId,
  /** A grid worker of the report's community. */
  assigneeUserId: z.string().min(1).max(64),
  note: z.string().trim().max(200).optional(),
});

export const dispatch = defineAction({
  summary: '派单：把事项交给本社区的一位网格员（可改派）',
  input: ZDispatchInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const worker = await ctx.store.get<UserDoc>(COLLECTIONS.users, input.assigneeUserId);
    const updated = await runTransition(ctx, input.reportId, 'dispatch', (report) => {
      const isWorker = worker?.grants.some((g) => g.role === 'gridworker' && g.communityId === report.communityId);
      if (!worker || !isWorker) throw new AppError('INVALID_INPUT', '只能派给本社区的网格员');
      return {
        set: { assigneeUserId: worker._id },
        note: input.note ? `派给 ${worker.nickname}：${input.note}` : `派给 ${worker.nickname}`,
        audit: { assigneeUserId: worker._id },
        alsoNotify: { userId: worker._id, title: '您有新的工单', body: report.description },
      };
    });
    return answer(updated);
  },
});

export const ZAcceptInputSchema = z.strictObject({
  reportId: ZReportId,
  /** 受理并开始办理: the worker who takes it starts at once (one tap instead of two). */
  start: z.boolean().default(false),
});

export const accept = defineAction({
  summary: '受理：网格员接下派给自己（或本网格待派）的事项',
  input: ZAcceptInputSchema,
  roles: ['gridworker'],
  access: { scope: ['grid'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const updated = await runTransition(ctx, input.reportId, 'accept', (report, now) => {
      // Only the first response counts toward the response rate; a redispatch is not a new response.
      const first = report.respondedAt === null;
      return {
        set: { assigneeUserId: ctx.caller.userId, ...(first ? { respondedAt: now } : {}) },
      };
    });
    // A second transition of its own: if it fails the report stays accepted, which is a valid state.
    if (input.start) return answer(await runTransition(ctx, input.reportId, 'start', () => ({ note: null })));
    return answer(updated);
  },
});

export const ZStartInputSchema = z.strictObject({ reportId: ZReportId, note: z.string().trim().max(200).optional() });

export const start = defineAction({
  summary: '开始办理（含退回重办后重新办理）',
  input: ZStartInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(await runTransition(ctx, input.reportId, 'start', () => ({ note: input.note ?? null }))),
});

export const ZSuspendInputSchema = z.strictObject({ reportId: ZReportId, reason: ZReason });

export const suspend = defineAction({
  summary: '挂起（必须说明原因；挂起期间时限暂停）',
  input: ZSuspendInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'suspend', (report, now) => ({
        set: { suspendedFrom: report.status, suspendedAt: now },
        note: input.reason,
      })),
    ),
});

export const ZResumeInputSchema = z.strictObject({ reportId: ZReportId, note: z.string().trim().max(200).optional() });

export const resume = defineAction({
  summary: '恢复办理（时限顺延挂起的时长）',
  input: ZResumeInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'resume', (report, now) => {
        const paused = report.suspendedAt ? Date.parse(now) - Date.parse(report.suspendedAt) : 0;
        return {
          set: { ...shiftDeadlines(report, paused), suspendedFrom: null, suspendedAt: null },
          note: input.note ?? null,
        };
      }),
    ),
});

export const ZResolveInputSchema = z.strictObject({
  reportId: ZReportId,
  /** The official answer, in plain words, shown to the reporter. */
  answer: z.string().trim().min(5).max(500),
  /** Evidence photos of the result. */
  photos: z.array(ZFileId).min(1).max(9),
});

export const resolve = defineAction({
  summary: '办结：上传办理后的照片并用大白话答复居民',
  input: ZResolveInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    await assertPhotos(ctx, input.photos);
    const updated = await runTransition(ctx, input.reportId, 'resolve', (report, now) => {
      const first = report.resolvedAt === null;
      return {
        set: { answer: input.answer, evidencePhotos: input.photos, resolvedAt: first ? now : report.resolvedAt },
        note: input.answer,
        photos: input.photos,
        audit: { rework: report.reworkCount },
      };
    });
    return answer(updated);
  },
});

export const ZRejectInputSchema = z.strictObject({ reportId: ZReportId, reason: ZReason });

export const reject = defineAction({
  summary: '不予受理（不属于社区职责等，必须说明原因）',
  input: ZRejectInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'reject', (_report, now) => ({
        set: { closedAt: now },
        note: input.reason,
        audit: { reason: input.reason.slice(0, 60) },
      })),
    ),
});

export const ZRecallInputSchema = z.strictObject({
  reportId: ZReportId,
  reason: z.string().trim().max(200).optional(),
});

export const recall = defineAction({
  summary: '撤回：受理前上报人可以撤回',
  input: ZRecallInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['reports'], writes: true },
  handler: async (input, ctx) =>
    answer(
      await runTransition(ctx, input.reportId, 'recall', (_report, now) => ({
        set: { closedAt: now },
        note: input.reason ?? null,
      })),
    ),
});

export const ZRateInputSchema = z.strictObject({
  reportId: ZReportId,
  /** 「好差评」 five levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
  score: z.number().int().min(1).max(5),
  /** Optional praise or remark; required (the reason) when the score sends the case back. */
  comment: z.string().trim().max(200).optional(),
});

export const rate = defineAction({
  summary: '评价办理结果（非常满意…非常不满意五级）：基本满意及以上办结，不满意退回重办（需说明原因）',
  input: ZRateInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    const satisfied = isSatisfied(input.score);
    const comment = input.comment || null;
    // The grid worker redoes the work from the reason: without one they would guess.
    if (!satisfied && (comment === null || comment.length < 2)) {
      throw new AppError('INVALID_INPUT', '请说明不满意的原因，便于网格员重新办理');
    }
    const level = ratingLabel(input.score);
    const event = satisfied ? 'rate_satisfied' : 'rate_unsatisfied';
    const updated = await runTransition(ctx, input.reportId, event, (report, now) => {
      const rating = { score: input.score, satisfied, comment, at: now };
      const note = comment ? `${level}：${comment}` : level;
      if (satisfied) {
        return { set: { rating, closedAt: now }, note };
      }
      return {
        set: { rating, reworkCount: report.reworkCount + 1 },
        note,
        alsoNotify: report.assigneeUserId
          ? { userId: report.assigneeUserId, title: '工单被退回重办', body: `居民评价${note}` }
          : undefined,
      };
    });
    return answer(updated);
  },
});

export const ZWorkersInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  /** The report's grid: its own workers come first (dispatch offers them before the others). */
  gridId: z.string().min(1).max(64).optional(),
});

/** The grid workers a report of this community can be dispatched to, with their grids. */
export const workers = defineAction({
  summary: '可派单的网格员（本社区）',
  input: ZWorkersInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['people'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.grants.find((g) => g.role === 'staff')?.communityId;
    if (!communityId || !isStaffOf(ctx.caller, communityId)) {
      throw new AppError('FORBIDDEN', '只能查看本社区的网格员');
    }
    const grids = await ctx.store.find<GridDoc>(COLLECTIONS.grids, { communityId }, { limit: MAX_GRIDS_PER_COMMUNITY });
    const ids = [...new Set(grids.map((g) => g.workerUserId).filter((id): id is string => Boolean(id)))];
    const users = ids.length
      ? await ctx.store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: ids } }, { limit: MAX_GRIDS_PER_COMMUNITY })
      : [];
    const items = users.map((u) => {
      const own = grids.filter((g) => g.workerUserId === u._id);
      return {
        userId: u._id,
        name: u.nickname,
        grids: own.map((g) => ({ id: g._id, name: g.name })),
        ownGrid: input.gridId !== undefined && own.some((g) => g._id === input.gridId),
      };
    });
    return {
      items: [...items.filter((w) => w.ownGrid), ...items.filter((w) => !w.ownGrid)],
      /** False when the report's grid has no worker of its own: dispatch then goes to a neighbour. */
      gridHasWorker: input.gridId === undefined || items.some((w) => w.ownGrid),
    };
  },
});
