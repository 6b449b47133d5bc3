import { Dialog, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';

/** What both forms on this page are given: which activity, how to close, what to reload after. */
interface FormProps {
  activityId: string;
  visible: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}

/** The organiser cancels the activity with a reason the volunteers are told. */
export function CloseActivityDialog(props: FormProps) {
  const [reason, setReason] = useState('');
  const closeActivity = async () => {
    const text = reason.trim();
    if (text.length < 2) {
      void Taro.showToast({ title: '请填写取消原因', icon: 'none' });
      return;
    }
    props.onClose();
    const payload = { activityId: props.activityId, reason: text };
    if (await act(() => call('timebank', 'activity.cancel', payload), '活动已取消，已通知报名者')) {
      setReason('');
      await props.onDone();
    }
  };
  return (
    <Dialog
      visible={props.visible}
      title="取消活动"
      content={
        <View data-testid="cancel-reason">
          <View className="muted">取消后不能恢复，已报名和候补的志愿者都会收到通知。</View>
          <TextArea value={reason} maxLength={200} onChange={setReason} placeholder="取消原因（将告知志愿者）" />
        </View>
      }
      confirmText="确定取消活动"
      cancelText="再想想"
      onConfirm={() => void closeActivity()}
      onCancel={props.onClose}
    />
  );
}

/** The volunteer disputes confirmed minutes: a reason, and the minutes they think are right. */
export function DisputeDialog(props: FormProps) {
  const [reason, setReason] = useState('');
  const [claimed, setClaimed] = useState('');
  const dispute = async () => {
    const text = reason.trim();
    if (text.length < 4) {
      void Taro.showToast({ title: '请写明申诉理由（至少 4 个字）', icon: 'none' });
      return;
    }
    const minutes = claimed.trim() ? Number(claimed.trim()) : undefined;
    if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 0 && minutes <= 1440)) {
      void Taro.showToast({ title: '分钟数不正确', icon: 'none' });
      return;
    }
    props.onClose();
    const payload = {
      activityId: props.activityId,
      reason: text,
      ...(minutes !== undefined ? { claimedMinutes: minutes } : {}),
    };
    if (await act(() => call('timebank', 'dispute.open', payload), '已提交，社区工作者会尽快处理')) {
      setReason('');
      setClaimed('');
      await props.onDone();
    }
  };
  return (
    <Dialog
      visible={props.visible}
      title="时长申诉"
      content={
        <View data-testid="dispute-form">
          <TextArea value={reason} maxLength={300} onChange={setReason} placeholder="申诉理由（交社区工作者核实）" />
          <Field label="您认为应计时长（分钟，可不填）" classPrefix="vt">
            <Input className="vt-input" type="digit" value={claimed} onChange={setClaimed} placeholder="如 120" />
          </Field>
        </View>
      }
      confirmText="提交申诉"
      cancelText="取消"
      onConfirm={() => void dispute()}
      onCancel={props.onClose}
    />
  );
}
