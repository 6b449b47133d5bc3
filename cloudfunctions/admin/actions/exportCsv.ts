import { z } from 'zod';
import { FIGURE_SCOPES } from '../../_core/domain/figures';
import { toCsv } from '../../_core/domain/figures/csv';
import { COLLECTIONS, type CommunityDoc } from '../../_core/domain/people';
import { type ActionContext, defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { auditList } from './auditList';
import { figures } from './figures';
import { gridworkerRank } from './gridworkers';

const ZIso = z.string().min(10).max(40);

export const ZExportInputSchema = z.strictObject({
  table: z.enum(['figures', 'gridworkers', 'audit']),
  /** figures: the place (as admin.figures). */
  scope: z.enum(FIGURE_SCOPES).optional(),
  id: z.string().min(1).max(64).optional(),
  /** gridworkers and audit: the community. */
  communityId: z.string().min(1).max(64).optional(),
  /** figures and gridworkers: the period. */
  from: ZIso.optional(),
  to: ZIso.optional(),
});

/** One object schema (the catalogue needs it); each table's own fields are required here. */
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AppError('INVALID_INPUT', `缺少参数：${what}`);
  return value;
}

/** The China-time date of an instant; `end` gives the last day inside a period ending at `iso`. */
const day = (iso: string, end = false) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000 - (end ? 1 : 0)).toISOString().slice(0, 10);
const AUDIT_EXPORT_PAGES = 10;

/** The community's name for a file name people recognise (its id when the record has none). */
async function communityName(ctx: ActionContext, communityId: string): Promise<string> {
  return (await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, communityId))?.name ?? communityId;
}

/**
 * A CSV of a table the caller sees on screen, made by the very action behind that screen, so the
 * export has exactly the screen's access limits.
 */
export const exportCsv = defineAction({
  summary: '导出 CSV（统计、网格员评价、审计记录），与页面相同的查看权限',
  input: ZExportInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['figures', 'audit'], writes: false },
  handler: async (input, ctx) => {
    if (input.table === 'figures') {
      const period = { from: need(input.from, 'from'), to: need(input.to, 'to') };
      const f = await figures.handler({ scope: need(input.scope, 'scope'), id: need(input.id, 'id'), ...period }, ctx);
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
        ['志愿服务（累计）', '登记志愿者', f.volunteers.volunteers],
        ['志愿服务（累计）', '占居民比例(%)', f.volunteers.registeredShare],
        ['志愿服务（累计）', '累计时长(小时)', f.volunteers.totalHours],
        ['志愿服务（累计）', '人均时长(小时)', f.volunteers.averageHours],
        ...f.volunteers.stars.map((n, i): [string, string, number] => ['志愿者星级', i === 0 ? '未定星' : `${i}星`, n]),
        ['平安细胞（当前）', '已授牌', f.safety.byStatus.awarded],
        ['平安细胞（当前）', '待评定', f.safety.byStatus.applied],
        ['平安细胞（当前）', '到期待复评', f.safety.byStatus.expired],
        ['平安细胞（当前）', '未通过', f.safety.byStatus.failed],
        ...f.safety.awardedByType.map((x): [string, string, number] => ['平安细胞称号', x.label, x.count]),
      ];
      return {
        filename: `统计_${f.scope.name}_${day(period.from)}_${day(period.to, true)}.csv`,
        text: toCsv(['类别', '指标', '数值'], rows),
      };
    }
    const communityId = need(input.communityId, 'communityId');
    if (input.table === 'gridworkers') {
      const period = { from: need(input.from, 'from'), to: need(input.to, 'to') };
      const r = await gridworkerRank.handler({ communityId, ...period }, ctx);
      return {
        filename: `网格员评价_${await communityName(ctx, communityId)}_${day(period.from)}_${day(period.to, true)}.csv`,
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
      const res = await auditList.handler({ communityId, skip: page * 50, limit: 50 }, ctx);
      for (const a of res.items) {
        rows.push([a.at, a.actorUserId, a.action, `${a.target.collection}/${a.target.id}`, JSON.stringify(a.details)]);
      }
      if (!res.hasMore) break;
    }
    return {
      filename: `审计记录_${await communityName(ctx, communityId)}.csv`,
      text: toCsv(['时间', '操作人', '操作', '对象', '详情'], rows),
    };
  },
});
