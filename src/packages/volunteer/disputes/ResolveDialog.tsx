import { Dialog, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import { typedMinutes } from '../shared/format';

export interface Deciding {
  id: string;
  name: string;
  decision: 'uphold' | 'correct';
  current: number | null;
  claimed: number | null;
}

/** Staff's decision on a dispute: a note always, the new minutes when correcting (a form, so a Dialog). */
export function ResolveDialog(props: {
  deciding: Deciding | undefined;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { deciding } = props;
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  // Each opening starts from the volunteer's claim (when correcting) and an empty note.
  useEffect(() => {
    if (!deciding) return;
    setMinutes(deciding.decision === 'correct' && deciding.claimed !== null ? String(deciding.claimed) : '');
    setNote('');
  }, [deciding]);
  const correcting = deciding?.decision === 'correct';
  const resolve = async () => {
    if (!deciding) return;
    if (note.trim().length < 2) {
      void Taro.showToast({ title: '请填写处理说明', icon: 'none' });
      return;
    }
    const m = typedMinutes(minutes);
    if (correcting && m === undefined) {
      void Taro.showToast({ title: '请填写更正后的分钟数', icon: 'none' });
      return;
    }
    props.onClose();
    const payload = {
      disputeId: deciding.id,
      decision: deciding.decision,
      note: note.trim(),
      ...(correcting ? { minutes: m } : {}),
    };
    if (await act(() => call('timebank', 'dispute.resolve', payload), '已处理，已通知志愿者')) await props.onDone();
  };
  return (
    <Dialog
      visible={deciding !== undefined}
      title={correcting ? '更正时长' : '维持原时长'}
      content={
        <View data-testid="resolve-form">
          <View className="muted">
            {correcting
              ? `按差额调整 ${deciding.name} 的时间积分（当前 ${deciding.current ?? '—'} 分钟）；积分不足以扣回时不能更正。`
              : `${deciding?.name ?? ''} 的时长保持不变。`}
            处理结果会通知志愿者。
          </View>
          {correcting && (
            <Field label="更正为（分钟）" classPrefix="vt">
              <Input className="vt-input" type="digit" value={minutes} onChange={setMinutes} placeholder="分钟数" />
            </Field>
          )}
          <TextArea value={note} maxLength={300} onChange={setNote} placeholder="处理说明（将告知志愿者）" />
        </View>
      }
      confirmText="确定"
      cancelText="取消"
      onConfirm={() => void resolve()}
      onCancel={props.onClose}
    />
  );
}
