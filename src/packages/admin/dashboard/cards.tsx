import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { BarChart, ShareBar } from '../shared/Bars';
import { ExportButton } from '../shared/ExportButton';

type FiguresAnswer = ActionOutput<'admin', 'figures'>;
type Rank = ActionOutput<'admin', 'gridworkers.rank'>;

const STATUS: Array<[string, string, string]> = [
  ['submitted', '待受理', '#f2994a'],
  ['dispatched', '已派单', '#f2c94c'],
  ['accepted', '已受理', '#56ccf2'],
  ['in_progress', '办理中', '#2f80ed'],
  ['suspended', '已挂起', '#bdbdbd'],
  ['resolved', '待评价', '#9b51e0'],
  ['rework', '退回重办', '#eb5757'],
  ['closed', '已办结', '#0f7b5f'],
  ['rejected', '不予受理', '#828282'],
  ['recalled', '已撤回', '#e0e0e0'],
];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

function Kpi({ value, label, warn }: { value: string | number; label: string; warn?: boolean }) {
  return (
    <View className="kpi">
      <Text className={`kpi-value ${warn ? 'kpi-warn' : ''}`}>{value}</Text>
      <Text className="muted">{label}</Text>
    </View>
  );
}

/** 上报事项: the four headline numbers, the period's quality line, categories and statuses. */
export function ReportCards({ reports: r }: { reports: FiguresAnswer['reports'] }) {
  return (
    <>
      <View className="card kpis">
        <Kpi value={r.total} label="上报事项" />
        <Kpi value={pct(r.rates.response)} label="响应率" />
        <Kpi value={pct(r.rates.resolution)} label="解决率" />
        <Kpi value={r.overdue} label="超期未办" warn={r.overdue > 0} />
      </View>
      <Text className="muted note">
        本期：满意率 {pct(r.quality.satisfaction)} · 按时响应 {pct(r.quality.responseOnTime)} · 按时办结{' '}
        {pct(r.quality.resolutionOnTime)} · 退回重办 {r.quality.rework} 次
      </Text>
      <Text className="muted note" data-testid="figures-as-of">
        {r.freshness.label}
      </Text>
      <View className="card">
        <Text className="card-title">事项分类</Text>
        <BarChart
          bars={r.byCategory.filter((c) => c.count > 0).map((c) => ({ label: c.name, value: c.count }))}
          unit="件"
        />
        {r.total === 0 && <Text className="muted">本期暂无上报</Text>}
      </View>
      <View className="card">
        <Text className="card-title">办理状态</Text>
        <ShareBar
          parts={STATUS.map(([key, label, color]) => ({
            label,
            color,
            value: r.byStatus[key as keyof typeof r.byStatus] ?? 0,
          }))}
        />
      </View>
    </>
  );
}

export function GreencoinCard({ greencoin: g }: { greencoin: FiguresAnswer['greencoin'] }) {
  return (
    <View className="card">
      <Text className="card-title">绿币爱心超市（按自然月）</Text>
      <BarChart
        bars={[
          { label: '发放', value: g.issued, color: '#0f7b5f' },
          { label: '兑换', value: g.redeemed, color: '#f2994a' },
          { label: '扣减', value: g.deducted, color: '#eb5757' },
        ]}
        unit="币"
      />
      <Text className="muted">
        评定 {g.awards} 次 · 兑换商品 {g.redemptions} 件
      </Text>
    </View>
  );
}

export function CouncilCard({ council: c }: { council: FiguresAnswer['council'] }) {
  return (
    <View className="card">
      <Text className="card-title">议事协商</Text>
      <Text className="muted">
        召开会议 {c.meetingsHeld} 场 · 参会 {c.attendees} 人次
      </Text>
      <BarChart bars={Object.entries(c.outcomes).map(([label, value]) => ({ label, value }))} unit="项" />
      <Text className="muted">
        监督意见：待答复 {c.opinions.open} 条 · 已答复 {c.opinions.answered} 条
      </Text>
    </View>
  );
}

export function VolunteersCard({ volunteers: v }: { volunteers: FiguresAnswer['volunteers'] }) {
  return (
    <View className="card" data-testid="dashboard-volunteers">
      <Text className="card-title">志愿服务时间银行（累计）</Text>
      <Text className="muted">
        登记志愿者 {v.volunteers} 人（占居民 {pct(v.registeredShare)}）· 人均 {v.averageHours ?? '—'} 小时 · 累计{' '}
        {v.totalHours} 小时
      </Text>
      <BarChart bars={v.stars.map((n, i) => ({ label: i === 0 ? '未定星' : `${i} 星`, value: n }))} unit="人" />
    </View>
  );
}

export function SafetyCard({ safety: s }: { safety: FiguresAnswer['safety'] }) {
  return (
    <View className="card" data-testid="dashboard-safety">
      <Text className="card-title">平安细胞（当前）</Text>
      <Text className="muted">
        已授牌 {s.byStatus.awarded} 个 · 待评定 {s.byStatus.applied} 个 · 到期待复评 {s.byStatus.expired} 个 · 未通过{' '}
        {s.byStatus.failed} 个
      </Text>
      <BarChart bars={s.awardedByType.map((x) => ({ label: x.label, value: x.count }))} unit="个" />
    </View>
  );
}

export function GridworkerRank(props: { rank: NonNullable<Rank>; communityId: string; from: string; to: string }) {
  const { rank, communityId, from, to } = props;
  return (
    <View className="card" data-testid="gridworker-rank">
      <Text className="card-title">网格员评价</Text>
      <ExportButton request={{ table: 'gridworkers', communityId, from, to }} testId="export-gridworkers" />
      {rank.items.map((w) => (
        <View key={w.userId} className="rank-row">
          <View className="rank-head">
            <Text className="rank-no">{w.rank}</Text>
            <Text className="rank-name">{w.name}</Text>
            {w.title && <Text className="rank-title">{w.title}</Text>}
            <Text className="rank-score">{w.score} 分</Text>
          </View>
          <Text className="muted">
            {w.grids.join('、')} · {w.reports} 件 ·{' '}
            {w.lines.map((l) => `${l.basis} ${l.points > 0 ? '+' : ''}${l.points}`).join('；')}
          </Text>
        </View>
      ))}
      <Text className="muted">
        评分：按时响应 40 分、按时办结 30 分、群众满意 30 分，退回重办每次扣 2 分；本期 5 件以上且 90
        分以上为金牌网格员，80 分以上为优秀网格员。
      </Text>
    </View>
  );
}
