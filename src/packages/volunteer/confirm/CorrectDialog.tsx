import { Dialog, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import { typedMinutes } from '../shared/format';

export interface Correcting {
  userId: string;
  name: string;
  from: number;
  /** One idempotency key per opened correction, so a retried send is one correction. */
  key: string;
}

/** The form for correcting confirmed minutes (a form, so a NutUI Dialog rather than confirm()). */
export function CorrectDialog(props: {
  activityId: string;
  correcting: Correcting | undefined;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { correcting } = props;
  const [newMinutes, setNewMinutes] = useState('');
  const [reason, setReason] = useState('');
  const correct = async () => {
    if (!correcting) return;
    const minutes = typedMinutes(newMinutes);
    if (minutes === undefined) {
      void Taro.showToast({ title: '请填写更正后的分钟数', icon: 'none' });
      return;
    }
    if (reason.trim().length < 2) {
      void Taro.showToast({ title: '请填写更正原因', icon: 'none' });
      return;
    }
    props.onClose();
    const c = correcting;
    const payload = {
      activityId: props.activityId,
      userId: c.userId,
      minutes,
      reason: reason.trim(),
      idempotencyKey: c.key,
    };
    if (await act(() => call('timebank', 'attendance.correct', payload), '已更正，积分已调整')) {
      setNewMinutes('');
      setReason('');
      await props.onDone();
    }
  };
  return (
    <Dialog
      visible={correcting !== undefined}
      title="更正已确认的时长"
      content={
        <View data-testid="correct-form">
          <View className="muted">
            {correcting ? `${correcting.name} 当前确认 ${correcting.from} 分钟。` : ''}
            更正会按差额调整时间积分（原记录保留）；志愿者积分不足以扣回时不能更正。
          </View>
          <Field label="更正为（分钟）" classPrefix="vt">
            <Input className="vt-input" type="digit" value={newMinutes} onChange={setNewMinutes} placeholder="分钟数" />
          </Field>
          <TextArea value={reason} maxLength={200} onChange={setReason} placeholder="更正原因（将告知志愿者）" />
        </View>
      }
      confirmText="确定更正"
      cancelText="取消"
      onConfirm={() => void correct()}
      onCancel={props.onClose}
    />
  );
}
