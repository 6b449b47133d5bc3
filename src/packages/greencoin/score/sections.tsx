import { Button, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { WhyDisabled, whyNot } from '../../../components/ui';
import { KIND_LABEL, type useScore } from './useScore';

type Score = ReturnType<typeof useScore>;

export function PeopleStep({ s }: { s: Score }) {
  return (
    <View className="card">
      <View className="card-title">1. 选择居民</View>
      <Input className="gc-input" value={s.q} placeholder="输入昵称查找" onChange={(v) => s.setQ(v)} />
      <StateView remote={s.people} isEmpty={(d) => d.items.length === 0} emptyText="没有找到">
        {(d) => (
          <View className="gc-choice" data-testid="score-people">
            {d.items.map((p) => (
              <Button
                key={p.userId}
                size="small"
                type={s.person?.userId === p.userId ? 'primary' : 'default'}
                onClick={() => s.setPerson(p)}
              >
                {p.nickname}
                {p.phoneMasked ? ` ${p.phoneMasked.slice(-4)}` : ''}
              </Button>
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}

export function RubricStep({ s }: { s: Score }) {
  return (
    <View className="card">
      <View className="card-title">2. 对照细则选择条目</View>
      <StateView remote={s.rubric}>
        {(r) => (
          <>
            <View className="muted">超过 {r.approvalThreshold} 绿币的评定需另一名工作人员复核后生效。</View>
            {r.categories.map((c) => (
              <Field key={c.key} classPrefix="gc" label={c.name}>
                <View className="gc-choice">
                  {c.lines.map((l) => (
                    <Button
                      key={l.id}
                      size="small"
                      type={s.line?.id === l.id ? 'primary' : 'default'}
                      onClick={() => s.setLine(l)}
                    >
                      {l.text}（{l.kind === 'veto' ? '否决' : `${l.kind === 'bonus' ? '+' : '-'}${l.amount}`}）
                    </Button>
                  ))}
                </View>
              </Field>
            ))}
          </>
        )}
      </StateView>
    </View>
  );
}

/** The three steps of a score, in the order the page asks for them. */
const whyNotScored = (s: Score) =>
  whyNot([
    [Boolean(s.person), '请先选择居民'],
    [Boolean(s.line), '请对照细则选择条目'],
    [s.note.trim() !== '', '请填写说明'],
  ]);

export function NoteStep({ s }: { s: Score }) {
  return (
    <View className="card">
      <View className="card-title">3. 说明</View>
      <TextArea value={s.note} maxLength={200} placeholder="时间、地点、事由" onChange={(v) => s.setNote(v)} />
      <View className="gc-actions">
        <Button type="primary" block loading={s.busy} disabled={whyNotScored(s) !== ''} onClick={() => void s.submit()}>
          提交评定
        </Button>
        <WhyDisabled reason={whyNotScored(s)} />
      </View>
    </View>
  );
}

export function PendingReviews({ s }: { s: Score }) {
  return (
    <View className="card" data-testid="score-pending">
      <View className="card-title">待复核</View>
      <StateView remote={s.pending} isEmpty={(d) => d.items.length === 0} emptyText="没有待复核的评定">
        {(d) => (
          <>
            {d.items.map((a) => (
              <View key={a.id} className="gc-row">
                <View className="gc-row-main">
                  <View>
                    {a.nickname} · {a.lineText} <Tag>{KIND_LABEL[a.kind]}</Tag> {a.amount}
                  </View>
                  <View className="muted">{a.note}</View>
                </View>
                {a.mine ? (
                  <View className="muted">待他人复核</View>
                ) : (
                  <View className="gc-actions">
                    <Button size="small" type="primary" onClick={() => void s.decide(a.id, true)}>
                      通过
                    </Button>
                    <Button size="small" fill="outline" onClick={() => void s.decide(a.id, false)}>
                      退回
                    </Button>
                  </View>
                )}
              </View>
            ))}
          </>
        )}
      </StateView>
    </View>
  );
}
