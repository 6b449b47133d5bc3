import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { BarChart, ShareBar } from '../shared/Bars';
import { ExportButton } from '../shared/ExportButton';
import { periods } from '../shared/period';
import './index.scss';
import { Page } from '../../../components/Page';

type Places = ActionOutput<'admin', 'places'>;
type Scope = 'grid' | 'community' | 'street' | 'city';
interface Target {
  scope: Scope;
  id: string;
  label: string;
}

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

/** What the caller may look at: their community and its grids, or streets and the city for admins. */
function targetsOf(p: Places): Target[] {
  const out: Target[] = [];
  if (p.city) out.push({ scope: 'city', id: 'city', label: '全市' });
  for (const s of p.streets) out.push({ scope: 'street', id: s.id, label: s.name });
  for (const c of p.communities) {
    out.push({ scope: 'community', id: c.id, label: c.name });
    if (p.communities.length === 1) for (const g of c.grids) out.push({ scope: 'grid', id: g.id, label: g.name });
  }
  return out;
}

function Figures({ target, from, to }: { target: Target; from: string; to: string }) {
  const figures = useRemote(
    () => call('admin', 'figures', { scope: target.scope, id: target.id, from, to }),
    [target.scope, target.id, from, to],
  );
  const communityId = target.scope === 'community' ? target.id : null;
  const rank = useRemote(
    () => (communityId ? call('admin', 'gridworkers.rank', { communityId, from, to }) : Promise.resolve(null)),
    [communityId, from, to],
  );
  usePullDownRefresh(() => {
    void Promise.all([figures.reload(), rank.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <StateView remote={figures}>
      {(f) => (
        <View data-testid="dashboard-figures">
          <ExportButton
            request={{ table: 'figures', scope: target.scope, id: target.id, from, to }}
            testId="export-figures"
          />
          <View className="card kpis">
            <View className="kpi">
              <Text className="kpi-value">{f.reports.total}</Text>
              <Text className="muted">上报事项</Text>
            </View>
            <View className="kpi">
              <Text className="kpi-value">{pct(f.reports.rates.response)}</Text>
              <Text className="muted">响应率</Text>
            </View>
            <View className="kpi">
              <Text className="kpi-value">{pct(f.reports.rates.resolution)}</Text>
              <Text className="muted">解决率</Text>
            </View>
            <View className="kpi">
              <Text className={`kpi-value ${f.reports.overdue > 0 ? 'kpi-warn' : ''}`}>{f.reports.overdue}</Text>
              <Text className="muted">超期未办</Text>
            </View>
          </View>
          <Text className="muted note">
            本期：满意率 {pct(f.reports.quality.satisfaction)} · 按时响应 {pct(f.reports.quality.responseOnTime)} ·
            按时办结 {pct(f.reports.quality.resolutionOnTime)} · 退回重办 {f.reports.quality.rework} 次
          </Text>
          <Text className="muted note" data-testid="figures-as-of">
            {f.reports.freshness.label}
          </Text>
          <View className="card">
            <Text className="card-title">事项分类</Text>
            <BarChart
              bars={f.reports.byCategory.filter((c) => c.count > 0).map((c) => ({ label: c.name, value: c.count }))}
              unit="件"
            />
            {f.reports.total === 0 && <Text className="muted">本期暂无上报</Text>}
          </View>
          <View className="card">
            <Text className="card-title">办理状态</Text>
            <ShareBar
              parts={STATUS.map(([key, label, color]) => ({
                label,
                color,
                value: f.reports.byStatus[key as keyof typeof f.reports.byStatus] ?? 0,
              }))}
            />
          </View>
          <View className="card">
            <Text className="card-title">绿币爱心超市（按自然月）</Text>
            <BarChart
              bars={[
                { label: '发放', value: f.greencoin.issued, color: '#0f7b5f' },
                { label: '兑换', value: f.greencoin.redeemed, color: '#f2994a' },
                { label: '扣减', value: f.greencoin.deducted, color: '#eb5757' },
              ]}
              unit="币"
            />
            <Text className="muted">
              评定 {f.greencoin.awards} 次 · 兑换商品 {f.greencoin.redemptions} 件
            </Text>
          </View>
          <View className="card">
            <Text className="card-title">议事协商</Text>
            <Text className="muted">
              召开会议 {f.council.meetingsHeld} 场 · 参会 {f.council.attendees} 人次
            </Text>
            <BarChart bars={Object.entries(f.council.outcomes).map(([label, value]) => ({ label, value }))} unit="项" />
            <Text className="muted">
              监督意见：待答复 {f.council.opinions.open} 条 · 已答复 {f.council.opinions.answered} 条
            </Text>
          </View>
          <View className="card" data-testid="dashboard-volunteers">
            <Text className="card-title">志愿服务时间银行（累计）</Text>
            <Text className="muted">
              登记志愿者 {f.volunteers.volunteers} 人（占居民 {pct(f.volunteers.registeredShare)}）· 人均{' '}
              {f.volunteers.averageHours ?? '—'} 小时 · 累计 {f.volunteers.totalHours} 小时
            </Text>
            <BarChart
              bars={f.volunteers.stars.map((n, i) => ({ label: i === 0 ? '未定星' : `${i} 星`, value: n }))}
              unit="人"
            />
          </View>
          <View className="card" data-testid="dashboard-safety">
            <Text className="card-title">平安细胞（当前）</Text>
            <Text className="muted">
              已授牌 {f.safety.byStatus.awarded} 个 · 待评定 {f.safety.byStatus.applied} 个 · 到期待复评{' '}
              {f.safety.byStatus.expired} 个 · 未通过 {f.safety.byStatus.failed} 个
            </Text>
            <BarChart bars={f.safety.awardedByType.map((x) => ({ label: x.label, value: x.count }))} unit="个" />
          </View>
          {communityId && (
            <StateView remote={rank} isEmpty={(r) => !r || r.items.length === 0} emptyText="暂无网格员">
              {(r) => (
                <View className="card" data-testid="gridworker-rank">
                  <Text className="card-title">网格员评价</Text>
                  <ExportButton request={{ table: 'gridworkers', communityId, from, to }} testId="export-gridworkers" />
                  {r?.items.map((w) => (
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
              )}
            </StateView>
          )}
        </View>
      )}
    </StateView>
  );
}

/** Staff and admins read their figures at a glance, for a period they pick. */
export default function Dashboard() {
  const places = useRemote(() => call('admin', 'places', {}));
  const presets = useMemo(() => periods(new Date()), []);
  const [periodKey, setPeriodKey] = useState('year');
  const [targetKey, setTargetKey] = useState<string | null>(null);
  const period = presets.find((p) => p.key === periodKey) ?? presets[0];
  return (
    <Page className="admin-dashboard">
      <StateView remote={places} isEmpty={(p) => targetsOf(p).length === 0} emptyText="暂无可查看的社区">
        {(p) => {
          const targets = targetsOf(p).map((t) => ({ ...t, key: `${t.scope}:${t.id}` }));
          // The widest place first: the city administrator opens on the city, a street's on the street.
          const target = targets.find((t) => t.key === targetKey) ?? (targets[0] as (typeof targets)[number]);
          return (
            <>
              <Chips items={targets} active={target.key} onPick={(t) => setTargetKey(t.key)} testid="scope-picker" />
              <Chips
                items={presets}
                active={period?.key ?? ''}
                onPick={(x) => setPeriodKey(x.key)}
                testid="period-picker"
              />
              {period && <Figures target={target} from={period.from} to={period.to} />}
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
