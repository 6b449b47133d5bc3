import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import type { UploadedPhoto } from '../../../services/upload';
import type { Detail, ReportEvent, ReportSteps } from './useReportSteps';

interface Props {
  report: Detail;
  steps: ReportSteps;
}

/** The events the 办理 card answers; it shows when the server allows any of them. */
const WORK_EVENTS: readonly ReportEvent[] = ['dispatch', 'accept', 'start', 'resume', 'suspend', 'reject', 'resolve'];

/** One-tap steps (no form, no confirmation): each shown only when the server lists its event. */
const ONE_TAP: { event: ReportEvent; label: string; done: string; send: (reportId: string) => Promise<unknown> }[] = [
  {
    event: 'accept',
    label: '受理并开始办理',
    done: '已受理，开始办理',
    send: (reportId) => call('reports', 'accept', { reportId, start: true }),
  },
  { event: 'start', label: '开始办理', done: '已开始办理', send: (reportId) => call('reports', 'start', { reportId }) },
  {
    event: 'resume',
    label: '恢复办理',
    done: '已恢复办理',
    send: (reportId) => call('reports', 'resume', { reportId }),
  },
];

/** 办理: dispatch, the one-tap steps, 办结 with evidence, 挂起 / 不予受理 with a reason. */
export function WorkCard({ report, steps }: Props) {
  if (!WORK_EVENTS.some(steps.can)) return null;
  return (
    <View className="card" data-testid="report-work">
      <View className="card-title">办理</View>
      {steps.can('dispatch') && <DispatchPart report={report} steps={steps} />}
      <View className="action-row">
        {ONE_TAP.filter((b) => steps.can(b.event)).map((b) => (
          <View key={b.event} data-testid={`action-${b.event}`}>
            <Button type="primary" loading={steps.busy} onClick={() => void steps.run(() => b.send(report.id), b.done)}>
              {b.label}
            </Button>
          </View>
        ))}
      </View>
      {steps.can('resolve') && <ResolvePart key={steps.round} steps={steps} />}
      {(steps.can('suspend') || steps.can('reject')) && <ReasonPart key={steps.round} steps={steps} />}
    </View>
  );
}

/** 派给网格员: the grid's workers first, neighbouring grids' when the grid has none. */
function DispatchPart({ report, steps }: Props) {
  const [assignee, setAssignee] = useState<string>();
  const workers = useRemote(() => call('reports', 'workers', { gridId: report.gridId }), [report.gridId]);
  return (
    <>
      <View className="muted">派给网格员</View>
      <Chips
        items={(workers.data?.items ?? []).map((w) => ({
          key: w.userId,
          label: `${w.ownGrid ? '本网格 · ' : ''}${w.name}（${w.grids.map((g) => g.name).join('、')}）`,
        }))}
        active={assignee}
        onPick={(w) => setAssignee(w.key)}
        itemTestId={(w) => `worker-${w.key}`}
      />
      {workers.data && !workers.data.gridHasWorker && (
        <View className="muted">{report.gridName}暂无专职网格员，可派给邻近网格的网格员</View>
      )}
      <View className="action-row" data-testid="action-dispatch">
        <Button
          type="primary"
          loading={steps.busy}
          disabled={!assignee}
          onClick={() =>
            assignee &&
            void steps.run(
              () => call('reports', 'dispatch', { reportId: report.id, assigneeUserId: assignee }),
              '已派单',
            )
          }
        >
          派单
        </Button>
      </View>
    </>
  );
}

function ResolvePart({ steps }: Pick<Props, 'steps'>) {
  const [answer, setAnswer] = useState('');
  const [evidence, setEvidence] = useState<UploadedPhoto[]>([]);
  const resolve = () => {
    if (evidence.length === 0 || answer.trim().length < 5) {
      return void Taro.showToast({ title: '请上传照片并填写至少 5 个字的答复', icon: 'none' });
    }
    steps.resolve(
      answer.trim(),
      evidence.map((p) => p.fileId),
    );
  };
  return (
    <View className="resolve-box" data-testid="action-resolve">
      <View className="muted">办结：上传办理后的照片，用大白话告诉居民结果</View>
      <PhotoPicker value={evidence} onChange={setEvidence} testId="resolve-add-photo" />
      <View className="field" data-testid="resolve-answer">
        <TextArea
          value={answer}
          onChange={setAnswer}
          maxLength={500}
          placeholder="例如：已联系环卫清运，以后每天早晚各清一次。"
        />
      </View>
      <Button type="primary" block loading={steps.busy} onClick={resolve}>
        办结并答复
      </Button>
    </View>
  );
}

/** 挂起 and 不予受理 both need a reason the resident will read. */
function ReasonPart({ steps }: Pick<Props, 'steps'>) {
  const [note, setNote] = useState('');
  const withReason = (what: string, step: (reason: string) => void) => () => {
    if (note.trim().length < 2) return void Taro.showToast({ title: `请填写${what}`, icon: 'none' });
    step(note.trim());
  };
  return (
    <View className="resolve-box">
      <View className="field" data-testid="action-reason">
        <Input value={note} onChange={setNote} maxLength={200} placeholder="挂起或不予受理的原因（必填）" />
      </View>
      <View className="action-row">
        {steps.can('suspend') && (
          <Button loading={steps.busy} onClick={withReason('挂起原因', steps.suspend)}>
            挂起
          </Button>
        )}
        {steps.can('reject') && (
          <Button
            type="danger"
            fill="outline"
            loading={steps.busy}
            onClick={withReason('不予受理的原因', steps.reject)}
          >
            不予受理
          </Button>
        )}
      </View>
    </View>
  );
}

/** 举报奖励 (staff), 撤回 (the reporter) and 我也遇到 (other residents), as the server allows. */
export function ResidentSteps({ report, steps }: Props) {
  return (
    <>
      {report.canReward && (
        <View className="action-row" data-testid="action-reward">
          <Button block loading={steps.busy} onClick={steps.reward}>
            核实有价值，奖励绿币
          </Button>
        </View>
      )}
      {steps.can('recall') && (
        <View className="action-row" data-testid="action-recall">
          <Button block loading={steps.busy} onClick={steps.recall}>
            撤回上报
          </Button>
        </View>
      )}
      {report.canMeToo && (
        <View className="action-row">
          <Button block loading={steps.busy} onClick={steps.meToo}>
            我也遇到
          </Button>
        </View>
      )}
    </>
  );
}
