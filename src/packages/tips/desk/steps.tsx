import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { confirmAct } from '../../../components/confirmAct';
import { act, newKey } from '../../../components/ui';
import { call } from '../../../services/client';
import type { Tip } from './TipDetail';

interface StepProps {
  tip: Tip;
  tipId: string;
  onDone: () => void;
}

/** 待评定: pick a published level and say why; a second officer reviews it. */
export function GradeStep({ tip, tipId, onDone }: StepProps) {
  const [levelId, setLevelId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const grade = async () => {
    const ok = await act(
      () => call('tips', 'grade', { tipId, levelId: levelId ?? '', note: note.trim() }),
      '已评定，待复核',
    );
    if (ok) onDone();
  };
  return (
    <View>
      <View className="label">按公开等级评定</View>
      <Chips
        items={tip.levels.map((l) => ({ key: l.id, label: l.reward > 0 ? `${l.label} ${l.reward} 元` : l.label }))}
        active={levelId}
        onPick={(l) => setLevelId(l.key)}
        testid="tip-grade-levels"
      />
      <View className="field" data-testid="tip-grade-note">
        <TextArea
          className="input"
          value={note}
          rows={2}
          maxLength={300}
          placeholder="核查情况和评定依据"
          onChange={setNote}
        />
      </View>
      <View data-testid="tip-grade">
        <Button type="primary" disabled={!levelId || note.trim().length < 2} onClick={() => void grade()}>
          提交评定
        </Button>
      </View>
    </View>
  );
}

/** 待复核: the grade as given; another officer than the grader approves (paid once) or sends it back. */
export function ReviewStep({ tip, tipId, onDone }: StepProps) {
  const [reason, setReason] = useState('');
  // One key per approval the officer means, so a retried tap cannot pay twice.
  const [approveKey] = useState(newKey);
  const level = tip.levels.find((l) => l.id === tip.levelId);
  const reward = level && level.reward > 0 ? level.reward : 0;
  const approve = async () => {
    const ok = await confirmAct(
      {
        title: '复核通过并核发奖励？',
        content: reward > 0 ? `将核发奖励 ${reward} 元，只核发一次。` : '该举报将办结，不予奖励。',
      },
      () => call('tips', 'approve', { tipId, key: approveKey }),
      '已复核',
    );
    if (ok) onDone();
  };
  const sendBack = async () => {
    if (await act(() => call('tips', 'return', { tipId, reason: reason.trim() }), '已退回')) onDone();
  };
  return (
    <View>
      <Text className="muted">
        评定：{level?.label}
        {reward > 0 ? `，奖励 ${reward} 元` : ''}；依据：{tip.gradeNote}
      </Text>
      {tip.gradedByMe ? (
        <Text className="muted">由您评定，需另一名受理员复核。</Text>
      ) : (
        <View>
          <View className="field" data-testid="tip-return-reason">
            <Input className="input" value={reason} maxLength={300} placeholder="退回理由" onChange={setReason} />
          </View>
          <View className="actions">
            <View data-testid="tip-approve">
              <Button type="primary" onClick={() => void approve()}>
                复核通过
              </Button>
            </View>
            <View data-testid="tip-return">
              <Button disabled={reason.trim().length < 2} onClick={() => void sendBack()}>
                退回重评
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}

/** 待发放: paid at the office, an anonymous tipster's claim code checked first. */
export function PayoutStep({ tip, tipId, onDone }: StepProps) {
  const [claimCode, setClaimCode] = useState('');
  const payout = async () => {
    const ok = await confirmAct(
      { title: '确认奖励已发放？', content: `已向举报人发放 ${tip.reward} 元。` },
      () => call('tips', 'payout', { tipId, ...(tip.anonymous ? { claimCode: claimCode.trim() } : {}) }),
      '已登记发放',
    );
    if (ok) onDone();
  };
  return (
    <View>
      <Text className="muted">奖励 {tip.reward} 元待发放。</Text>
      {tip.anonymous && (
        <View className="field" data-testid="tip-payout-code">
          <Input className="input" value={claimCode} maxLength={14} placeholder="核对领取码" onChange={setClaimCode} />
        </View>
      )}
      <View data-testid="tip-payout">
        <Button type="primary" disabled={tip.anonymous && claimCode.trim().length < 14} onClick={() => void payout()}>
          登记发放
        </Button>
      </View>
    </View>
  );
}
