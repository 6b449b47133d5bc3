import { z } from 'zod';
import { foldReportFigures } from '../../_core/figures/rollups';
import { defineAction } from '../../_core/runtime/define';

/**
 * Wall-clock budget of one run: the admin function has 10 s (cloudbaserc.json; CloudBase allows
 * 1–60 s), and what is left over is folded by the next run of the trigger.
 */
export const FOLD_BUDGET_MS = 7_000;

export const ZFiguresFoldInputSchema = z.strictObject({
  /** Counter documents one run may fold (tests and the bench make it small or large). */
  maxDocs: z.number().int().min(1).max(1_000_000).optional(),
});

/**
 * The daily fold of finished days' report counters into (month) and (day) snapshots of every
 * grid, community, street and the city (issue 19; domain/figures/rollups.ts says why it is exact). Only the platform's timer
 * runs it — the snapshots have one writer — and re-running it changes nothing.
 */
export const figuresFold = defineAction({
  summary: '把已结束日期的事项计数汇总为网格、社区、街道、全市按月、按日的统计快照（仅供系统定时任务调用）',
  input: ZFiguresFoldInputSchema,
  roles: ['admin'],
  access: { scope: ['system'], touches: ['figures'], writes: true },
  handler: async (input, ctx) => {
    const started = Date.now();
    return foldReportFigures(ctx.store, ctx.clock.now(), {
      maxDocs: input.maxDocs ?? 200_000,
      deadline: () => Date.now() - started > FOLD_BUDGET_MS,
    });
  },
});
