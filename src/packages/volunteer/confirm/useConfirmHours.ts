import Taro from '@tarojs/taro';
import { useState } from 'react';
import { confirm } from '../../../components/confirm';
import { act } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { type Attendance, confirmItem, isReady, type Line, lineCheck } from './lines';

/**
 * The confirm-hours screen's state: the roll, what the organiser typed per line, the refusals the
 * last batch brought back, and the two confirmations (one line, all ready lines).
 */
export function useConfirmHours(activityId: string) {
  const list = usePaged((skip) => call('timebank', 'attendance.list', { activityId, skip }), [activityId]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const d = list.remote.data;
  const lineOf = (s: Attendance): Line => ({
    s,
    check: lineCheck(s, edits[s.userId], d?.capMinutes ?? 0, d?.toleranceMinutes ?? 15),
    reason: reasons[s.userId]?.trim() || undefined,
  });
  const open = (d?.items ?? []).filter((s) => s.status === 'signed' && !s.confirmedAt && !s.isSelf);
  const ready = open.map(lineOf).filter(isReady);

  const confirmOne = async (line: Line) => {
    const item = confirmItem(line);
    const ok = await confirm({
      title: '确认志愿时长',
      content: `确认 ${line.s.name} 的时长${item.minutes !== undefined ? ` ${item.minutes} 分钟` : '（按签到签退计算）'}？确认后将记入时间积分，不能撤回。`,
      confirmText: '确定',
    });
    if (!ok) return;
    const done = await act(() => call('timebank', 'attendance.confirm', { activityId, ...item }), '已确认，积分已记入');
    if (done) await list.reload();
  };

  const confirmAll = async () => {
    const lines = ready;
    const skipped = open.length - lines.length;
    const ok = await confirm({
      title: '批量确认志愿时长',
      content: `确认 ${lines.length} 人的时长并记入时间积分${
        skipped > 0 ? `（另有 ${skipped} 人须先填写原因或更正时长，本次不确认）` : ''
      }？确认后不能撤回，如有错误可再更正。`,
      confirmText: '确定',
    });
    if (!ok || lines.length === 0) return;
    try {
      const r = await call('timebank', 'attendance.confirmBatch', { activityId, items: lines.map(confirmItem) });
      const failed = r.items.filter((i) => !i.ok);
      setRefusals(Object.fromEntries(failed.map((i) => [i.userId, i.message ?? ''])));
      void Taro.showToast({
        title: failed.length ? `已确认 ${r.confirmed} 人，${failed.length} 人未通过` : `已确认 ${r.confirmed} 人`,
        icon: failed.length ? 'none' : 'success',
      });
      await list.reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };

  return {
    list,
    open,
    ready,
    lineOf,
    edits,
    reasons,
    refusals,
    edit: (userId: string, text: string) => setEdits((e) => ({ ...e, [userId]: text })),
    explain: (userId: string, text: string) => setReasons((r) => ({ ...r, [userId]: text })),
    confirmOne,
    confirmAll,
  };
}

export type ConfirmHoursState = ReturnType<typeof useConfirmHours>;
