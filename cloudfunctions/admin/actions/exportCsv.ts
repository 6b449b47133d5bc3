import { z } from 'zod';
import { FIGURE_SCOPES } from '../../_core/domain/figures';
import { toCsv } from '../../_core/domain/figures/csv';
import { defineAction } from '../../_core/runtime/define';
import { auditList } from './auditList';
import { figures } from './figures';
import { gridworkerRank } from './gridworkers';

const ZIso = z.string().min(10).max(40);

export const ZExportInputSchema = z.discriminatedUnion('table', [
  z.strictObject({
    table: z.literal('figures'),
    scope: z.enum(FIGURE_SCOPES),
    id: z.string().min(1).max(64),
    from: ZIso,
    to: ZIso,
  }),
  z.strictObject({ table: z.literal('gridworkers'), communityId: z.string().min(1).max(64), from: ZIso, to: ZIso }),
  z.strictObject({ table: z.literal('audit'), communityId: z.string().min(1).max(64) }),
]);

/** The China-time date of an instant; `end` gives the last day inside a period ending at `iso`. */
const day = (iso: string, end = false) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000 - (end ? 1 : 0)).toISOString().slice(0, 10);
const AUDIT_EXPORT_PAGES = 10;

/**
 * A CSV of a table the caller sees on screen, made by the very action behind that screen, so the
 * export has exactly the screen's access limits.
 */
export const exportCsv = defineAction({
  summary: '导出 CSV（统计、网格员评价、审计记录），与页面相同的查看权限',
  input: ZExportInputSchema,
  roles: ['staff', 'admin'],
  handler: async (input, ctx) => {
    if (input.table === 'figures') {
      const f = await figures.handler(input, ctx);
      const rows: Array<[string, string, number | string | null]> = [
        ['事项', '上报总数', f.reports.total],
        ...Object.entries(f.reports.byStatus).map(([k, v]): [string, string, number] => ['事项状态', k, v]),
        ...f.reports.byCategory.map((c): [string, string, number] => ['事项分类', c.name, c.count]),
        ['事项', '超期未办', f.reports.overdue],
        ['事项', '响应率(%)', f.reports.rates.response],
        ['事项', '解决率(%)', f.reports.rates.resolution],
        ['绿币', '发放', f.greencoin.issued],
        ['绿币', '兑换', f.greencoin.redeemed],
        ['绿币', '扣减', f.greencoin.deducted],
        ['绿币', '兑换商品件数', f.greencoin.redemptions],
        ['议事', '召开会议', f.council.meetingsHeld],
        ['议事', '参会人次', f.council.attendees],
        ...Object.entries(f.council.outcomes).map(([k, v]): [string, string, number] => ['议定事项', k, v]),
        ['监督意见', '待答复', f.council.opinions.open],
        ['监督意见', '已答复', f.council.opinions.answered],
      ];
      return {
        filename: `统计_${f.scope.name}_${day(input.from)}_${day(input.to, true)}.csv`,
        text: toCsv(['类别', '指标', '数值'], rows),
      };
    }
    if (input.table === 'gridworkers') {
      const r = await gridworkerRank.handler(input, ctx);
      return {
        filename: `网格员评价_${input.communityId}_${day(input.from)}_${day(input.to, true)}.csv`,
        text: toCsv(
          ['排名', '姓名', '网格', '事项数', '总分', '称号', '按时响应', '按时办结', '群众满意', '退回重办扣分'],
          r.items.map((w) => [
            w.rank,
            w.name,
            w.grids.join('、'),
            w.reports,
            w.score,
            w.title,
            ...w.lines.map((l) => `${l.points}（${l.basis}）`),
          ]),
        ),
      };
    }
    const rows: Array<Array<string | number | null>> = [];
    for (let page = 0; page < AUDIT_EXPORT_PAGES; page++) {
      const res = await auditList.handler({ communityId: input.communityId, skip: page * 50, limit: 50 }, ctx);
      for (const a of res.items) {
        rows.push([a.at, a.actorUserId, a.action, `${a.target.collection}/${a.target.id}`, JSON.stringify(a.details)]);
      }
      if (!res.hasMore) break;
    }
    return {
      filename: `审计记录_${input.communityId}.csv`,
      text: toCsv(['时间', '操作人', '操作', '对象', '详情'], rows),
    };
  },
});
