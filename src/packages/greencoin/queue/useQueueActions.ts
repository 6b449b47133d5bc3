import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { confirm } from '../../../components/confirm';
import { act, newKey } from '../../../components/ui';
import { call } from '../../../services/client';
import { warn } from '../shared/ui';

export type Item = ActionOutput<'greencoin', 'redeem.queue'>['items'][number];

/** 通过: a plain yes/no (the one confirm()); the coins are captured and the goods leave stock. */
export async function approve(item: Item): Promise<boolean> {
  const ok = await confirm({
    title: '通过兑换',
    content: `通过后将扣除 ${item.requester} 的 ${item.amount} 绿币并出库，确定吗？`,
    confirmText: '确定通过',
  });
  if (!ok) return false;
  return act(() => call('greencoin', 'redeem.approve', { redemptionId: item.id, idempotencyKey: newKey() }), '已通过');
}

export interface ReasonedSpec {
  title: string;
  confirmText: string;
  placeholder: string;
  /** Said when the reason is left empty: the resident is told it, so it is required. */
  missing: string;
  done: string;
  send: (input: { redemptionId: string; reason: string; idempotencyKey: string }) => Promise<unknown>;
  testId?: string;
}

/** 驳回 and 退还: a decision that carries a written reason, so its dialog holds a form. */
export function useReasoned(spec: ReasonedSpec, onDone: () => Promise<unknown>) {
  const [draft, setDraft] = useState<{ item: Item; key: string; reason: string }>();
  const open = (item: Item) => setDraft({ item, key: newKey(), reason: '' });
  const submit = async () => {
    if (!draft) return;
    const reason = draft.reason.trim();
    if (!reason) return warn(spec.missing);
    setDraft(undefined);
    if (await act(() => spec.send({ redemptionId: draft.item.id, reason, idempotencyKey: draft.key }), spec.done)) {
      await onDone();
    }
  };
  const setReason = (reason: string) => setDraft((d) => (d ? { ...d, reason } : d));
  return { spec, draft, open, close: () => setDraft(undefined), submit, setReason };
}

export const REJECT: ReasonedSpec = {
  title: '驳回兑换',
  confirmText: '确定驳回',
  placeholder: '请写明原因，居民会收到通知',
  missing: '请填写驳回原因',
  done: '已驳回',
  send: (input) => call('greencoin', 'redeem.reject', input),
  testId: 'reject-reason',
};

export const REFUND: ReasonedSpec = {
  title: '退还绿币',
  confirmText: '确定退还',
  placeholder: '如：商品损坏、居民无法到场',
  missing: '请填写退还原因',
  done: '已退还',
  send: (input) => call('greencoin', 'redeem.refund', input),
  testId: 'refund-reason',
};
