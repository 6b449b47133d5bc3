import { Button, Dialog, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, formatTime, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

interface Pending {
  userId: string;
  name: string;
  minutes: number | undefined;
  reason: string | undefined;
}

interface Row {
  userId: string;
  measuredMinutes: number | null;
  proposedMinutes: number;
}

/** What the screen warns about before sending: the server applies the same rules and has the last word. */
function lineCheck(row: Row, text: string | undefined, cap: number, tolerance: number) {
  const raw = text ?? String(row.proposedMinutes);
  const minutes = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isInteger(minutes) || minutes < 0) return { minutes: undefined, warning: '请填写分钟数', blocked: true };
  if (minutes > cap) return { minutes, warning: `超过活动时长 ${cap} 分钟，不能确认`, blocked: true };
  const diff = Math.abs(minutes - (row.measuredMinutes ?? 0));
  if (diff > tolerance) {
    const base = row.measuredMinutes === null ? '没有签到签退记录' : `签到签退实计 ${row.measuredMinutes} 分钟`;
    return { minutes, warning: `${base}，相差 ${diff} 分钟，请填写原因`, blocked: false, needsReason: true };
  }
  return { minutes, warning: '', blocked: false, needsReason: false };
}

interface Correcting {
  userId: string;
  name: string;
  from: number;
  key: string;
}

export default function ConfirmHours() {
  const id = useRouter().params.id ?? '';
  const list = usePaged((skip) => call('timebank', 'attendance.list', { activityId: id, skip }), [id]);
  const remote = list.remote;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [batchOpen, setBatchOpen] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [correcting, setCorrecting] = useState<Correcting>();
  const [newMinutes, setNewMinutes] = useState('');
  const [reason, setReason] = useState('');
  const correct = async () => {
    if (!correcting) return;
    const minutes = Number(newMinutes.trim());
    if (!newMinutes.trim() || !Number.isInteger(minutes) || minutes < 0) {
      void Taro.showToast({ title: '请填写更正后的分钟数', icon: 'none' });
      return;
    }
    if (reason.trim().length < 2) {
      void Taro.showToast({ title: '请填写更正原因', icon: 'none' });
      return;
    }
    const c = correcting;
    setCorrecting(undefined);
    const payload = { activityId: id, userId: c.userId, minutes, reason: reason.trim(), idempotencyKey: c.key };
    if (await act(() => call('timebank', 'attendance.correct', payload), '已更正，积分已调整')) {
      setNewMinutes('');
      setReason('');
      await remote.reload();
    }
  };
  const confirm = async () => {
    if (!pending) return;
    const p = pending;
    setPending(undefined);
    const payload = {
      activityId: id,
      userId: p.userId,
      ...(p.minutes !== undefined ? { minutes: p.minutes } : {}),
      ...(p.reason ? { reason: p.reason } : {}),
    };
    if (await act(() => call('timebank', 'attendance.confirm', payload), '已确认，积分已记入')) await remote.reload();
  };
  const d0 = remote.data;
  const open = (d0?.items ?? []).filter((s) => s.status === 'signed' && !s.confirmedAt && !s.isSelf);
  const lineOf = (s: (typeof open)[number]) => {
    const check = lineCheck(s, edits[s.userId], d0?.capMinutes ?? 0, d0?.toleranceMinutes ?? 15);
    const reason = reasons[s.userId]?.trim() || undefined;
    return { s, check, reason };
  };
  const confirmAll = async () => {
    setBatchOpen(false);
    const lines = open.map(lineOf).filter((l) => !l.check.blocked && !(l.check.needsReason && !l.reason));
    if (lines.length === 0) return;
    const items = lines.map(({ s, check, reason }) => ({
      userId: s.userId,
      // The measured minutes go as they are (no typed value), so a volunteer organiser can confirm them too.
      ...(check.minutes !== s.measuredMinutes ? { minutes: check.minutes } : {}),
      ...(reason ? { reason } : {}),
    }));
    try {
      const r = await call('timebank', 'attendance.confirmBatch', { activityId: id, items });
      const failed = r.items.filter((i) => !i.ok);
      setRefusals(Object.fromEntries(failed.map((i) => [i.userId, i.message ?? ''])));
      void Taro.showToast({
        title: failed.length ? `已确认 ${r.confirmed} 人，${failed.length} 人未通过` : `已确认 ${r.confirmed} 人`,
        icon: failed.length ? 'none' : 'success',
      });
      await remote.reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };
  const ready = open.map(lineOf).filter((l) => !l.check.blocked && !(l.check.needsReason && !l.reason));
  return (
    <Page>
      <StateView remote={remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有人报名">
        {(d) => (
          <>
            <View className="vt-card" data-testid="confirm-summary">
              <View className="muted">
                活动时长上限 {d.capMinutes} 分钟；与签到签退记录相差超过 {d.toleranceMinutes} 分钟须填写原因
                {d.canTypeMinutes
                  ? d.ended
                    ? '。'
                    : '；活动结束前只能按签到签退记录确认。'
                  : '；组织者只能按签到签退记录确认，其他时长请社区工作者确认。'}
              </View>
              {open.length > 0 && (
                <View className="vt-actions" data-testid="confirm-all">
                  <Button type="primary" disabled={ready.length === 0} onClick={() => setBatchOpen(true)}>
                    全部确认（{ready.length}/{open.length} 人）
                  </Button>
                </View>
              )}
            </View>
            {d.items.map((s) => {
              const edited = edits[s.userId];
              const pendingLine = s.status === 'signed' && !s.confirmedAt ? lineOf(s) : undefined;
              const minutes = pendingLine?.check.minutes;
              return (
                <View key={s.userId} className="vt-card" data-testid="attendance-item" data-name={s.name}>
                  <View className="vt-title">
                    {s.name}
                    <Tag type={s.confirmedAt ? 'success' : 'default'}>{s.confirmedAt ? '已确认' : s.statusLabel}</Tag>
                  </View>
                  <View className="muted">
                    签到 {s.checkInAt ? formatTime(s.checkInAt).slice(11) : '—'} · 签退{' '}
                    {s.checkOutAt ? formatTime(s.checkOutAt).slice(11) : '—'}
                    {s.measuredMinutes !== null ? ` · 实计 ${s.measuredMinutes} 分钟` : ''}
                  </View>
                  {s.confirmedAt ? (
                    <>
                      <View className="muted">
                        确认 {s.confirmedMinutes} 分钟，{s.points} 积分
                        {s.corrections > 0 ? `（已更正 ${s.corrections} 次）` : ''}
                      </View>
                      {s.dispute?.status === 'open' && <View className="muted">志愿者已申诉，由社区工作者处理</View>}
                      <View className="vt-actions" data-testid="attendance-correct">
                        <Button
                          fill="outline"
                          onClick={() =>
                            setCorrecting({
                              userId: s.userId,
                              name: s.name,
                              from: s.confirmedMinutes ?? 0,
                              key: newKey(),
                            })
                          }
                        >
                          更正时长
                        </Button>
                      </View>
                    </>
                  ) : (
                    s.status === 'signed' &&
                    pendingLine &&
                    (s.isSelf ? (
                      <View className="muted">本人的时长请由其他社区工作者确认</View>
                    ) : (
                      <>
                        <View className="vt-label">确认时长（分钟，已按签到签退填入，最多 {d.capMinutes}）</View>
                        <View data-testid="attendance-minutes">
                          <Input
                            className="vt-input"
                            type="digit"
                            disabled={!d.canTypeMinutes}
                            value={edited ?? String(s.proposedMinutes)}
                            onChange={(v) => setEdits({ ...edits, [s.userId]: v })}
                          />
                        </View>
                        {pendingLine.check.warning && (
                          <View className="vt-alert" data-testid="attendance-warning">
                            {pendingLine.check.warning}
                          </View>
                        )}
                        {pendingLine.check.needsReason && (
                          <View data-testid="attendance-reason">
                            <Input
                              className="vt-input"
                              value={reasons[s.userId] ?? ''}
                              maxLength={200}
                              placeholder="原因（如：未带手机，组织者现场点名）"
                              onChange={(v) => setReasons({ ...reasons, [s.userId]: v })}
                            />
                          </View>
                        )}
                        {refusals[s.userId] && (
                          <View className="vt-alert" data-testid="attendance-refused">
                            未通过：{refusals[s.userId]}
                          </View>
                        )}
                        <View className="vt-actions" data-testid="attendance-confirm">
                          <Button
                            type="primary"
                            disabled={
                              pendingLine.check.blocked || (pendingLine.check.needsReason && !pendingLine.reason)
                            }
                            onClick={() =>
                              setPending({
                                userId: s.userId,
                                name: s.name,
                                minutes: minutes !== s.measuredMinutes ? minutes : undefined,
                                reason: pendingLine.reason,
                              })
                            }
                          >
                            确认时长
                          </Button>
                        </View>
                      </>
                    ))
                  )}
                </View>
              );
            })}
            {d.hasMore && (
              <View className="load-more">
                <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                  加载更多
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
      <Dialog
        visible={pending !== undefined}
        title="确认志愿时长"
        content={
          pending
            ? `确认 ${pending.name} 的时长${pending.minutes !== undefined ? ` ${pending.minutes} 分钟` : '（按签到签退计算）'}？确认后将记入时间积分，不能撤回。`
            : ''
        }
        confirmText="确定"
        cancelText="取消"
        onConfirm={() => void confirm()}
        onCancel={() => setPending(undefined)}
      />
      <Dialog
        visible={batchOpen}
        title="批量确认志愿时长"
        content={`确认 ${ready.length} 人的时长并记入时间积分${
          open.length > ready.length
            ? `（另有 ${open.length - ready.length} 人须先填写原因或更正时长，本次不确认）`
            : ''
        }？确认后不能撤回，如有错误可再更正。`}
        confirmText="确定"
        cancelText="取消"
        onConfirm={() => void confirmAll()}
        onCancel={() => setBatchOpen(false)}
      />
      <Dialog
        visible={correcting !== undefined}
        title="更正已确认的时长"
        content={
          <View data-testid="correct-form">
            <View className="muted">
              {correcting ? `${correcting.name} 当前确认 ${correcting.from} 分钟。` : ''}
              更正会按差额调整时间积分（原记录保留）；志愿者积分不足以扣回时不能更正。
            </View>
            <View className="vt-label">更正为（分钟）</View>
            <Input className="vt-input" type="digit" value={newMinutes} onChange={setNewMinutes} placeholder="分钟数" />
            <TextArea value={reason} maxLength={200} onChange={setReason} placeholder="更正原因（将告知志愿者）" />
          </View>
        }
        confirmText="确定更正"
        cancelText="取消"
        onConfirm={() => void correct()}
        onCancel={() => setCorrecting(undefined)}
      />
    </Page>
  );
}
