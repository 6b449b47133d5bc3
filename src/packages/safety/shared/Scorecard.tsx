import { Text, View } from '@tarojs/components';

export interface CardItem {
  criterionId: string;
  title: string;
  max: number;
  points: number;
  reason: string;
  evidence: { source: string; value: number | null; refs: string[] };
}

const SOURCES: Record<string, string> = {
  reports: '随手拍事项',
  tb_volunteers: '时间银行',
  gc_awards: '绿币评定',
  onsite: '实地查看',
};

/** One scorecard: every criterion with its points, the reason and the records it rests on. */
export function Scorecard(props: {
  items: CardItem[];
  total: number;
  max: number;
  passScore: number;
  passed?: boolean;
}) {
  return (
    <View data-testid="scorecard">
      {props.items.map((i) => (
        <View key={i.criterionId} className="row" data-testid={`score-${i.criterionId}`}>
          <View className="row-head">
            <Text className="name">{i.title}</Text>
            <Text className={`points ${i.points === 0 ? 'points-zero' : ''}`}>
              {i.points} / {i.max} 分
            </Text>
          </View>
          <Text>{i.reason}</Text>
          {/* How many records the score rests on: their ids (seed-award-5) mean nothing to a reader. */}
          <Text className="muted">
            依据：{SOURCES[i.evidence.source] ?? i.evidence.source}
            {i.evidence.refs.length > 0 ? `（${i.evidence.refs.length} 条记录）` : ''}
          </Text>
        </View>
      ))}
      <View className="row-head" style={{ marginTop: '10px' }}>
        <Text className="total" data-testid="score-total">
          合计 {props.total} / {props.max} 分
        </Text>
        <Text className={`badge ${props.passed === false ? 'badge-warn' : ''}`}>
          及格 {props.passScore} 分{props.passed === undefined ? '' : props.passed ? ' · 通过' : ' · 未通过'}
        </Text>
      </View>
    </View>
  );
}

export const STATUS_LABELS: Record<string, string> = {
  applied: '待评定',
  awarded: '已授牌',
  failed: '未通过',
  expired: '已到期待复评',
};
