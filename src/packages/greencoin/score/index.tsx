import { Button, Dialog, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { act, newKey } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';
import { Page } from '../../../components/Page';

type Line = ActionOutput<'greencoin', 'rubric.list'>['categories'][number]['lines'][number];
type Person = ActionOutput<'greencoin', 'people.search'>['items'][number];

const KIND_LABEL: Record<Line['kind'], string> = { bonus: '加分', penalty: '扣分', veto: '一票否决' };

export default function Score() {
  const rubric = useRemote(() => call('greencoin', 'rubric.list', {}));
  const [q, setQ] = useState('');
  const people = useRemote(() => call('greencoin', 'people.search', q.trim() ? { q: q.trim() } : {}), [q]);
  const pending = useRemote(() => call('greencoin', 'award.pending', {}));
  const [person, setPerson] = useState<Person>();
  const [line, setLine] = useState<Line>();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!person || !line || !confirming) return;
    const key = confirming;
    setConfirming(undefined);
    setBusy(true);
    const ok = await act(
      () =>
        call('greencoin', 'award', { userId: person.userId, lineId: line.id, note: note.trim(), idempotencyKey: key }),
      line.amount > (rubric.data?.approvalThreshold ?? Number.POSITIVE_INFINITY) ? '已提交复核' : '已记录',
    );
    setBusy(false);
    if (ok) {
      setLine(undefined);
      setNote('');
      await pending.reload();
    }
  };
  const decide = async (awardId: string, approve: boolean) => {
    const ok = approve
      ? await act(() => call('greencoin', 'award.approve', { awardId }), '已复核通过')
      : await act(() => call('greencoin', 'award.reject', { awardId, reason: '复核不通过' }), '已退回');
    if (ok) await pending.reload();
  };

  return (
    <Page>
      <View className="card">
        <View className="card-title">1. 选择居民</View>
        <Input className="gc-input" value={q} placeholder="输入昵称查找" onChange={(v) => setQ(v)} />
        <StateView remote={people} isEmpty={(d) => d.items.length === 0} emptyText="没有找到">
          {(d) => (
            <View className="gc-choice" data-testid="score-people">
              {d.items.map((p) => (
                <Button
                  key={p.userId}
                  size="small"
                  type={person?.userId === p.userId ? 'primary' : 'default'}
                  onClick={() => setPerson(p)}
                >
                  {p.nickname}
                  {p.phoneMasked ? ` ${p.phoneMasked.slice(-4)}` : ''}
                </Button>
              ))}
            </View>
          )}
        </StateView>
      </View>
      <View className="card">
        <View className="card-title">2. 对照细则选择条目</View>
        <StateView remote={rubric}>
          {(r) => (
            <>
              <View className="muted">超过 {r.approvalThreshold} 绿币的评定需另一名工作人员复核后生效。</View>
              {r.categories.map((c) => (
                <View key={c.key} className="gc-field">
                  <View className="gc-label">{c.name}</View>
                  <View className="gc-choice">
                    {c.lines.map((l) => (
                      <Button
                        key={l.id}
                        size="small"
                        type={line?.id === l.id ? 'primary' : 'default'}
                        onClick={() => setLine(l)}
                      >
                        {l.text}（{l.kind === 'veto' ? '否决' : `${l.kind === 'bonus' ? '+' : '-'}${l.amount}`}）
                      </Button>
                    ))}
                  </View>
                </View>
              ))}
            </>
          )}
        </StateView>
      </View>
      <View className="card">
        <View className="card-title">3. 说明</View>
        <TextArea value={note} maxLength={200} placeholder="时间、地点、事由" onChange={(v) => setNote(v)} />
        <View className="gc-actions">
          <Button
            type="primary"
            block
            loading={busy}
            disabled={!person || !line || !note.trim()}
            onClick={() => setConfirming(newKey())}
          >
            提交评定
          </Button>
        </View>
      </View>
      <View className="card" data-testid="score-pending">
        <View className="card-title">待复核</View>
        <StateView remote={pending} isEmpty={(d) => d.items.length === 0} emptyText="没有待复核的评定">
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
                      <Button size="small" type="primary" onClick={() => void decide(a.id, true)}>
                        通过
                      </Button>
                      <Button size="small" fill="outline" onClick={() => void decide(a.id, false)}>
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
      <Dialog
        visible={confirming !== undefined}
        title="确认评定"
        confirmText="确认提交"
        content={
          person && line
            ? `${person.nickname}：${line.text}（${KIND_LABEL[line.kind]}${line.kind === 'veto' ? '' : ` ${line.amount} 绿币`}）`
            : ''
        }
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(undefined)}
      />
    </Page>
  );
}
