import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { confirm } from '../../../components/confirm';
import { act, newKey } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';

export type Line = ActionOutput<'greencoin', 'rubric.list'>['categories'][number]['lines'][number];
export type Person = ActionOutput<'greencoin', 'people.search'>['items'][number];

export const KIND_LABEL: Record<Line['kind'], string> = { bonus: '加分', penalty: '扣分', veto: '一票否决' };

/** 绿币评定: who, which rubric line and why, confirmed once; above the threshold it waits for a second person. */
export function useScore() {
  const rubric = useRemote(() => call('greencoin', 'rubric.list', {}));
  const [q, setQ] = useState('');
  const people = useRemote(() => call('greencoin', 'people.search', q.trim() ? { q: q.trim() } : {}), [q]);
  const pending = useRemote(() => call('greencoin', 'award.pending', {}));
  const [person, setPerson] = useState<Person>();
  const [line, setLine] = useState<Line>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!person || !line) return;
    const amount = line.kind === 'veto' ? '' : ` ${line.amount} 绿币`;
    const asked = await confirm({
      title: '确认评定',
      content: `${person.nickname}：${line.text}（${KIND_LABEL[line.kind]}${amount}）`,
      confirmText: '确认提交',
    });
    if (!asked) return;
    setBusy(true);
    const ok = await act(
      () =>
        call('greencoin', 'award', {
          userId: person.userId,
          lineId: line.id,
          note: note.trim(),
          idempotencyKey: newKey(),
        }),
      line.amount > (rubric.data?.approvalThreshold ?? Number.POSITIVE_INFINITY) ? '已提交复核' : '已记录',
    );
    setBusy(false);
    if (ok) {
      setLine(undefined);
      setNote('');
      await pending.reload();
    }
  };
  /** A second staff member's review: the author never sees these buttons (`mine`), and the server refuses them too. */
  const decide = async (awardId: string, approve: boolean) => {
    const ok = approve
      ? await act(() => call('greencoin', 'award.approve', { awardId }), '已复核通过')
      : await act(() => call('greencoin', 'award.reject', { awardId, reason: '复核不通过' }), '已退回');
    if (ok) await pending.reload();
  };
  return { rubric, q, setQ, people, pending, person, setPerson, line, setLine, note, setNote, busy, submit, decide };
}
