import { Button, Dialog, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Scorecard, STATUS_LABELS } from '../shared/Scorecard';
import '../shared/safety.scss';
import { Page } from '../../../components/Page';

/**
 * The evaluate screen: the scorecard as the data stand (each point with its reason and evidence),
 * the on-site items scored by hand with a note, then a confirmation before it is saved.
 */
export default function EvaluateSafety() {
  const unitId = Taro.getCurrentInstance().router?.params.unitId ?? '';
  const preview = useRemote(() => call('safety', 'preview', { unitId }), [unitId]);
  const [manual, setManual] = useState<Record<string, { points: string; note: string }>>({});
  const [busy, setBusy] = useState(false);
  return (
    <Page className="safety">
      <StateView remote={preview}>
        {(p) => {
          const onsite = p.criteria.filter((c) => c.rule.kind === 'onsite');
          const entries = onsite.map((c) => ({
            criterionId: c.id,
            points: Number(manual[c.id]?.points ?? ''),
            note: (manual[c.id]?.note ?? '').trim(),
            max: c.points,
            raw: manual[c.id]?.points ?? '',
          }));
          const valid = entries.every(
            (e) =>
              e.raw !== '' && Number.isInteger(e.points) && e.points >= 0 && e.points <= e.max && e.note.length >= 2,
          );
          const total = p.total + entries.reduce((a, e) => a + (Number.isFinite(e.points) ? e.points : 0), 0);
          const items = p.items.map((i) => {
            const e = entries.find((x) => x.criterionId === i.criterionId);
            return e && e.raw !== ''
              ? { ...i, points: Math.min(e.max, Math.max(0, e.points || 0)), reason: `实地查看：${e.note}` }
              : i;
          });
          const save = () =>
            Dialog.open('evaluate', {
              title: '确认保存评定？',
              content: `合计 ${total} 分，及格 ${p.passScore} 分：${total >= p.passScore ? `将授予${p.year}年度称号` : '评定不通过'}，并通知申请人。保存后不能修改。`,
              onConfirm: async () => {
                Dialog.close('evaluate');
                setBusy(true);
                try {
                  const r = await call('safety', 'evaluate', {
                    unitId,
                    manual: entries.map(({ criterionId, points, note }) => ({ criterionId, points, note })),
                  });
                  void Taro.showToast({ title: r.scorecard.passed ? '已授牌' : '已评定', icon: 'success' });
                  await preview.reload();
                } catch (error) {
                  void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
                } finally {
                  setBusy(false);
                }
              },
              onCancel: () => Dialog.close('evaluate'),
            });
          return (
            <>
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
                  数据范围：{p.evidenceFrom.slice(0, 10)} 至 {p.evidenceTo.slice(0, 10)}
                </Text>
              </View>
              <View className="card">
                <Text className="card-title">评分表</Text>
                <Scorecard items={items} total={total} max={p.max} passScore={p.passScore} />
              </View>
              {p.evaluable ? (
                <View className="card">
                  <Text className="card-title">实地查看评分</Text>
                  {onsite.map((c) => (
                    <View key={c.id} className="field" data-testid={`onsite-${c.id}`}>
                      <View className="label">
                        {c.title}（0–{c.points} 分）：{c.description}
                      </View>
                      <Input
                        className="input"
                        type="number"
                        placeholder="得分"
                        value={manual[c.id]?.points ?? ''}
                        onChange={(v) =>
                          setManual({ ...manual, [c.id]: { note: manual[c.id]?.note ?? '', points: v } })
                        }
                      />
                      <Input
                        className="input"
                        placeholder="查看情况（必填）"
                        maxLength={200}
                        value={manual[c.id]?.note ?? ''}
                        onChange={(v) =>
                          setManual({ ...manual, [c.id]: { points: manual[c.id]?.points ?? '', note: v } })
                        }
                      />
                    </View>
                  ))}
                  <View data-testid="evaluate-save">
                    <Button type="primary" block loading={busy} disabled={!valid} onClick={save}>
                      保存评定
                    </Button>
                  </View>
                </View>
              ) : (
                <Text className="muted note">
                  {p.unit.status === 'awarded' ? '称号有效期内，年底到期后可复评。' : '该申请已评定。'}
                </Text>
              )}
            </>
          );
        }}
      </StateView>
      <Dialog id="evaluate" />
    </Page>
  );
}
