import { Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { formatDay } from '../../../components/ui';
import { STATUS_LABELS } from '../shared/Scorecard';

export type Preview = ActionOutput<'safety', 'preview'>;
type Manual = Record<string, { points: string; note: string }>;

/**
 * The on-site scores as typed, and the scorecard they make with the data's: each on-site item is
 * valid with whole points within its maximum and a note; the total counts what is typed so far.
 */
export function useEvaluation(p: Preview) {
  const [manual, setManual] = useState<Manual>({});
  const onsite = p.criteria.filter((c) => c.rule.kind === 'onsite');
  const entries = onsite.map((c) => ({
    criterionId: c.id,
    points: Number(manual[c.id]?.points ?? ''),
    note: (manual[c.id]?.note ?? '').trim(),
    max: c.points,
    raw: manual[c.id]?.points ?? '',
  }));
  const valid = entries.every(
    (e) => e.raw !== '' && Number.isInteger(e.points) && e.points >= 0 && e.points <= e.max && e.note.length >= 2,
  );
  const total = p.total + entries.reduce((a, e) => a + (Number.isFinite(e.points) ? e.points : 0), 0);
  const items = p.items.map((i) => {
    const e = entries.find((x) => x.criterionId === i.criterionId);
    return e && e.raw !== ''
      ? { ...i, points: Math.min(e.max, Math.max(0, e.points || 0)), reason: `实地查看：${e.note}` }
      : i;
  });
  const edit = (id: string, change: Partial<{ points: string; note: string }>) =>
    setManual((all) => ({ ...all, [id]: { points: all[id]?.points ?? '', note: all[id]?.note ?? '', ...change } }));
  const payload = entries.map(({ criterionId, points, note }) => ({ criterionId, points, note }));
  return { onsite, manual, edit, valid, total, items, payload };
}
export type Evaluation = ReturnType<typeof useEvaluation>;

/** The unit as applied for, and the window of data its scorecard is computed from. */
export function UnitCard({ p }: { p: Preview }) {
  return (
    <View className="card">
      <View className="row-head">
        <Text className="card-title">
          {p.unit.name} · {p.unit.typeLabel}
        </Text>
        <Text className="badge" data-testid="unit-status">
          {p.unit.title ?? STATUS_LABELS[p.unit.status]}
        </Text>
      </View>
      <Text className="muted">
        {p.unit.gridName} · {p.unit.address} · {p.unit.contactName} {p.unit.contactPhone}
      </Text>
      {p.unit.note && <Text className="muted">{p.unit.note}</Text>}
      <Text className="muted">
        数据范围：{formatDay(p.evidenceFrom)} 至 {formatDay(p.evidenceTo)}
      </Text>
    </View>
  );
}

/** One row per on-site criterion: the points (0 to its maximum) and what was seen. */
export function OnsiteInputs({ ev }: { ev: Evaluation }) {
  return (
    <>
      {ev.onsite.map((c) => (
        <View key={c.id} className="field" data-testid={`onsite-${c.id}`}>
          <View className="label">
            {c.title}（0–{c.points} 分）：{c.description}
          </View>
          <Input
            className="input"
            type="number"
            placeholder="得分"
            value={ev.manual[c.id]?.points ?? ''}
            onChange={(v) => ev.edit(c.id, { points: v })}
          />
          <Input
            className="input"
            placeholder="查看情况（必填）"
            maxLength={200}
            value={ev.manual[c.id]?.note ?? ''}
            onChange={(v) => ev.edit(c.id, { note: v })}
          />
        </View>
      ))}
    </>
  );
}
