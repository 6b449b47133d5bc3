/**
 * The sections of a 四议两公开 procedure's page: its header, the six-step timeline, and the staff
 * form that records the next step (strictly in order; votes judged by the server's rules).
 */
import { Button, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  DISCLOSURE_CATEGORY_LABELS,
  PROCEDURE_STATUS_LABELS,
  PROCEDURE_STEP_LABELS,
  PROCEDURE_STEPS,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Speaker } from '../../../components/Speaker';
import { TextLink } from '../../../components/TextLink';
import { formatPicked } from '../../../components/ui';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice } from '../shared/Choice';
import { cstDate, formatDateTime } from '../shared/format';

export type Procedure = ActionOutput<'deliberation', 'procedure.get'>;

type Body = 'villagers' | 'representatives';
const BODIES: Array<{ value: Body; label: string }> = [
  { value: 'representatives', label: '代表会议（应到 2/3 以上）' },
  { value: 'villagers', label: '村（居）民会议（应到过半）' },
];
const digits = (v: string) => v.replace(/\D/g, '').slice(0, 7);

export function ProcedureHeader({ p }: { p: Procedure }) {
  return (
    <View className="card">
      <View className="card-title">{p.title}</View>
      <View className="council-tags">
        <Tag type={p.status === 'completed' ? 'success' : p.status === 'rejected' ? 'danger' : 'primary'}>
          {PROCEDURE_STATUS_LABELS[p.status]}
        </Tag>
        <Tag plain>{DISCLOSURE_CATEGORY_LABELS[p.category]}</Tag>
      </View>
      <View className="council-body">{p.summary}</View>
    </View>
  );
}

export function StepTimeline({ p }: { p: Procedure }) {
  return (
    <View className="card" data-testid="procedure-timeline">
      {PROCEDURE_STEPS.map((kind, i) => {
        const step = p.steps[i];
        return (
          <View
            key={kind}
            className={`council-step ${step ? (step.passed ? '' : 'failed') : 'pending'}`}
            data-testid={`step-${kind}`}
          >
            <View className="council-item-title">{PROCEDURE_STEP_LABELS[kind]}</View>
            {step ? (
              <>
                <View className="council-line">
                  {formatPicked(step.heldOn)} · <Speaker name={step.recordedByName} role={step.recordedByRole} /> 登记于{' '}
                  {formatDateTime(step.recordedAt)}
                </View>
                <View className="council-body">{step.note}</View>
                {step.vote && (
                  <View className="council-line">
                    {step.body === 'villagers' ? '村（居）民会议' : step.body ? '代表会议' : '党员大会'}：应到{' '}
                    {step.vote.total} 人，实到 {step.vote.present} 人，赞成 {step.vote.approve} 人 ——{' '}
                    {!step.vote.quorumMet ? '到会人数不足' : step.vote.majorityMet ? '通过' : '未过半数'}
                  </View>
                )}
                {step.disclosureId && (
                  <TextLink
                    onClick={() =>
                      void Taro.navigateTo({ url: `/packages/council/disclosure/index?id=${step.disclosureId}` })
                    }
                  >
                    已在公开栏公布 ›
                  </TextLink>
                )}
              </>
            ) : (
              <View className="muted">{p.status === 'in_progress' ? '待办理' : '未进行'}</View>
            )}
          </View>
        );
      })}
    </View>
  );
}

function CountField(props: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <View className="council-field">
      <View className="council-label">{props.label}</View>
      <Input className="council-input" type="number" value={props.value} onChange={(v) => props.onChange(digits(v))} />
    </View>
  );
}

const NOTE_LABELS: Partial<Record<NonNullable<Procedure['nextStep']>, string>> = {
  resolution_published: '决议内容（将公布在公开栏）',
  result_published: '实施结果（将公布在公开栏）',
};

/** Staff record the next step; confirmed first, since a recorded step cannot be changed. */
export function RecordStep(props: {
  p: Procedure;
  next: NonNullable<Procedure['nextStep']>;
  onRecorded: () => Promise<void>;
}) {
  const { p, next } = props;
  const [heldOn, setHeldOn] = useState(cstDate());
  const [note, setNote] = useState('');
  const [body, setBody] = useState<Body>('representatives');
  const [total, setTotal] = useState('');
  const [present, setPresent] = useState('');
  const [approve, setApprove] = useState('');
  const [busy, setBusy] = useState(false);
  const voting = next === 'party_review' || next === 'villagers_decision';
  const valid = note.trim().length >= 2 && (!voting || (Number(total) > 0 && present !== '' && approve !== ''));
  const record = () =>
    confirmThen(
      {
        title: `登记「${PROCEDURE_STEP_LABELS[next]}」`,
        content: voting
          ? '表决人数登记后即按规则判定是否通过，未通过则事项终止。确定登记吗？'
          : next === 'resolution_published' || next === 'result_published'
            ? '登记后将自动发布到公开栏。确定登记吗？'
            : '每一步登记后不能修改。确定登记吗？',
      },
      async () => {
        setBusy(true);
        const ok = await act(
          () =>
            call('deliberation', 'procedure.record', {
              procedureId: p.id,
              kind: next,
              heldOn,
              note: note.trim(),
              ...(next === 'villagers_decision' ? { body } : {}),
              ...(voting ? { vote: { total: Number(total), present: Number(present), approve: Number(approve) } } : {}),
            }),
          '已登记',
        );
        setBusy(false);
        if (ok) {
          setNote('');
          setTotal('');
          setPresent('');
          setApprove('');
          await props.onRecorded();
        }
      },
    );
  return (
    <View className="card" data-testid="record-step">
      <View className="card-title">登记下一步：{PROCEDURE_STEP_LABELS[next]}</View>
      <Picker mode="date" value={heldOn} end={cstDate()} onChange={(e) => setHeldOn(String(e.detail.value))}>
        <View className="council-input council-line" style={{ padding: '10px 12px' }}>
          办理日期：{formatPicked(heldOn)}
        </View>
      </Picker>
      {next === 'villagers_decision' && <Choice options={BODIES} value={body} onChange={setBody} />}
      {voting && (
        <View data-testid="vote">
          <CountField label="应到人数" value={total} onChange={setTotal} />
          <CountField label="实到人数" value={present} onChange={setPresent} />
          <CountField label="赞成人数" value={approve} onChange={setApprove} />
        </View>
      )}
      <View className="council-field">
        <View className="council-label">{NOTE_LABELS[next] ?? '情况说明'}</View>
        <TextArea className="council-input" value={note} rows={3} maxLength={2000} onChange={setNote} />
      </View>
      <View className="council-actions">
        <Button type="primary" block loading={busy} disabled={!valid} onClick={record}>
          登记
        </Button>
      </View>
    </View>
  );
}
