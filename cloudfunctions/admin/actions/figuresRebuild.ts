import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { ROLLUP_COLLECTIONS } from '../../_core/domain/figures/rollups';
import { parseCursor, rebuildFigures } from '../../_core/figures/rebuild';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { isGlobalAdmin } from '../lib/scope';
import { FOLD_BUDGET_MS } from './figuresFold';

export const ZFiguresRebuildInputSchema = z.strictObject({
  /** The cursor the previous call answered with; none to start over. */
  cursor: z.string().min(2).max(200).optional(),
  /** Steps this call may take (a grid, a community, or a page of 1,000 ids each). */
  maxSteps: z.number().int().min(1).max(1000).optional(),
});

/**
 * Recomputes every figure counter (reports, time bank, council, opinions) and the snapshots of
 * every level (grid, community, street, city) from the raw documents, for environments whose data predates the counters (issue 19).
 * Idempotent and resumable: call again with the answered cursor until `done`; each call stays
 * inside the function's time limit. City-wide, so for an admin of every community only.
 */
export const figuresRebuild = defineAction({
  summary: '从原始数据重算全部统计计数与网格、社区、街道、全市的快照（分批执行，按返回的游标继续；仅限市级管理员）',
  input: ZFiguresRebuildInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['figures'], writes: true },
  handler: async (input, ctx) => {
    if (!isGlobalAdmin(ctx)) throw new AppError('FORBIDDEN', '只有市级管理员可以重算全市统计');
    const cursor = parseCursor(input.cursor);
    if (!cursor) throw new AppError('INVALID_INPUT', '游标无效，请不带游标重新开始');
    const started = Date.now();
    const result = await rebuildFigures(
      ctx.store,
      ctx.clock.now(),
      cursor,
      input.maxSteps ?? 200,
      () => Date.now() - started > FOLD_BUDGET_MS,
    );
    if (!result) throw new AppError('CONFLICT', '这次重算已经结束（或没有开始），如需再次重算请不带游标重新开始');
    const at = ctx.clock.now().toISOString();
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: ctx.newId(),
          at,
          actorUserId: ctx.caller.userId,
          action: 'admin.figures.rebuild',
          communityId: null,
          target: { collection: ROLLUP_COLLECTIONS.rollups, id: 'all' },
          details: { from: input.cursor ?? null, phase: result.phase, done: result.done },
        }),
      );
    });
    return result;
  },
});
