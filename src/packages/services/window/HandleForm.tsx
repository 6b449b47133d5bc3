import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { confirmAct } from '../../../components/confirmAct';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import type { Detail } from './Handle';

/** What the clerk writes before a step: the missing materials and their note, or a refusal's reason. */
export function useHandleForm() {
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const toggleMissing = (name: string) =>
    setMissing((m) => (m.includes(name) ? m.filter((x) => x !== name) : [...m, name]));
  const clearSupplement = () => {
    setMissing([]);
    setNote('');
  };
  return { missing, toggleMissing, note, setNote, reason, setReason, clearSupplement };
}
type Form = ReturnType<typeof useHandleForm>;

const isOpen = (status: string) => status === 'submitted' || status === 'accepted';

/** 一次性告知补正 (pick every missing material at once) and the reason for 不予办理. */
export function HandleForm({ detail, form }: { detail: Detail; form: Form }) {
  if (!isOpen(detail.application.status)) return null;
  return (
    <View>
      <View className="label">一次性告知补正：选择缺少的材料</View>
      {/* Several chips are active at once, so not the one-choice <Chips>. */}
      <View className="chips" data-testid="window-missing">
        {detail.required.map((name) => (
          <View
            key={name}
            className={`chip ${form.missing.includes(name) ? 'chip-active' : ''}`}
            onClick={() => form.toggleMissing(name)}
          >
            {name}
          </View>
        ))}
      </View>
      <View className="field" data-testid="window-note">
        <TextArea
          className="input"
          value={form.note}
          rows={2}
          maxLength={200}
          placeholder="补正说明，例如：照片不清晰，请重新拍摄"
          onChange={form.setNote}
        />
      </View>
      <View className="field" data-testid="window-reason">
        <Input
          className="input"
          value={form.reason}
          maxLength={200}
          placeholder="不予办理的理由"
          onChange={form.setReason}
        />
      </View>
    </View>
  );
}

/** The steps the application's status allows; 办结 and 不予办理 are final and asked first. */
export function HandleActions(props: { detail: Detail; form: Form; applicationId: string; onDone: () => void }) {
  const { form, applicationId, onDone } = props;
  const a = props.detail.application;
  const after = (ok: boolean) => ok && onDone();
  const accept = () => void act(() => call('services', 'accept', { applicationId }), '已受理').then(after);
  const ask = async () => {
    const ok = await act(
      () => call('services', 'supplement', { applicationId, missing: form.missing, note: form.note.trim() }),
      '已告知补正',
    );
    if (!ok) return;
    form.clearSupplement();
    onDone();
  };
  const approve = () =>
    void confirmAct(
      {
        title: '确认办结？',
        content:
          a.itemKind === 'seal' ? '办结后将记入用印登记簿，并通知申请人领取。' : '办结后将通知申请人凭领取码领取。',
      },
      () => call('services', 'approve', { applicationId }),
      '已办结',
    ).then(after);
  const refuse = () =>
    void confirmAct(
      { title: '确认不予办理？', content: `将告知申请人理由：${form.reason.trim()}` },
      () => call('services', 'refuse', { applicationId, reason: form.reason.trim() }),
      '已告知申请人',
    ).then(after);
  return (
    <View className="actions">
      {a.status === 'submitted' && (
        <View data-testid="window-accept">
          <Button type="primary" onClick={accept}>
            受理
          </Button>
        </View>
      )}
      {isOpen(a.status) && (
        <View data-testid="window-ask">
          <Button disabled={form.missing.length === 0 || form.note.trim().length < 2} onClick={() => void ask()}>
            告知补正
          </Button>
        </View>
      )}
      {a.status === 'accepted' && (
        <View data-testid="window-approve">
          <Button type="primary" onClick={approve}>
            办结
          </Button>
        </View>
      )}
      {(isOpen(a.status) || a.status === 'supplement') && (
        <View data-testid="window-refuse">
          <Button type="danger" disabled={form.reason.trim().length < 2} onClick={refuse}>
            不予办理
          </Button>
        </View>
      )}
    </View>
  );
}
