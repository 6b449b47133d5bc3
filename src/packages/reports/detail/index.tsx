import { Button, Dialog, Image, Input, Step, Steps, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { GridMap } from '../../../components/GridMap';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import type { UploadedPhoto } from '../../../services/upload';
import { formatTime, StatusTag, slaText } from '../shared';
import { usePaged } from '../usePaged';
import './index.scss';
import { Page } from '../../../components/Page';

type Detail = ActionOutput<'reports', 'get'>;

/** Re-renders every 30 s so the SLA countdown stays honest while the page is open. */
function useTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
}

function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className="detail-photos">
      {urls.map((url) => (
        <View
          key={url}
          className="detail-photo"
          onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => {})}
        >
          <Image src={url} width="100%" height="100%" mode="aspectFill" lazyLoad />
        </View>
      ))}
    </View>
  );
}

/** Report detail: what, where, SLA countdown, timeline, and the steps this person may take now. */
export default function ReportDetail() {
  const id = useRouter().params.id ?? '';
  // usePaged brings pull-down refresh and reload-on-show; the detail is a "page" of one.
  const paged = usePaged(async () => {
    const report = await call('reports', 'get', { reportId: id });
    return { items: [report], hasMore: false, now: report.now };
  }, [id]);
  useTick();
  const now = paged.now();
  return (
    <Page className="report-detail">
      <StateView remote={paged.remote}>
        {(data) => {
          const report = data.items[0];
          return report ? <DetailBody report={report} now={now} reload={paged.remote.reload} /> : null;
        }}
      </StateView>
      <Dialog id="report-confirm" />
    </Page>
  );
}

function confirm(title: string, content: string, onConfirm: () => Promise<void>) {
  Dialog.open('report-confirm', {
    title,
    content,
    onConfirm: async () => {
      Dialog.close('report-confirm');
      await onConfirm();
    },
    onCancel: () => Dialog.close('report-confirm'),
  });
}

function DetailBody({ report, now, reload }: { report: Detail; now: number; reload: () => Promise<void> }) {
  const sla = slaText(report.sla, now);
  const can = (event: Detail['actions'][number]) => report.actions.includes(event);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [evidence, setEvidence] = useState<UploadedPhoto[]>([]);
  const [assignee, setAssignee] = useState<string>();
  const isStaffDispatch = can('dispatch');
  const workers = useRemote(
    () =>
      isStaffDispatch
        ? call('reports', 'workers', { gridId: report.gridId })
        : Promise.resolve({ items: [], gridHasWorker: true }),
    [isStaffDispatch],
  );
  const run = async (step: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await step();
      void Taro.showToast({ title: done, icon: 'success' });
      setNote('');
      setAnswer('');
      setEvidence([]);
      await reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  const reportId = report.id;
  const needNote = (what: string) => {
    if (note.trim().length >= 2) return true;
    void Taro.showToast({ title: `请填写${what}`, icon: 'none' });
    return false;
  };

  return (
    <>
      <View className="card" data-testid="report-detail">
        <View className="detail-head">
          <Text className="card-title">{report.categoryName}</Text>
          <View data-testid="report-status">
            <StatusTag status={report.status} label={report.statusLabel} />
          </View>
        </View>
        {report.caseNo && (
          <View className="detail-caseno" data-testid="report-caseno">
            工单编号 <Text className="detail-caseno-value">{report.caseNo}</Text>
          </View>
        )}
        <Text className="detail-desc">{report.description}</Text>
        <Photos urls={report.photos} />
        <View className="muted detail-meta">
          <Text>地点：{report.location.address}</Text>
          <Text>网格：{report.gridName}</Text>
          <GridMap
            shapes={[{ id: report.id, name: report.gridName, boundary: report.gridBoundary, active: true }]}
            pin={
              report.location.latitude !== undefined && report.location.longitude !== undefined
                ? { latitude: report.location.latitude, longitude: report.location.longitude }
                : null
            }
            testId="report-map"
          />
          <Text>
            上报人：{report.reporter.name}
            {report.reporter.phoneMasked ? `（${report.reporter.phoneMasked}）` : ''}
            {report.anonymous ? ' · 匿名' : ''}
            {report.filedByStaff ? ' · 工作人员代报' : ''}
          </Text>
          <Text>上报时间：{formatTime(report.createdAt)}</Text>
          {report.assignee && <Text>办理人：{report.assignee}</Text>}
          {report.meTooCount > 0 && <Text>另有 {report.meTooCount} 位居民也遇到</Text>}
          {report.rewarded && <Text>已获举报奖励</Text>}
        </View>
      </View>

      {!['rejected', 'recalled'].includes(report.status) && (
        <View className="card" data-testid="report-stages">
          <View className="card-title">办理进度</View>
          <Steps value={report.stages.filter((st) => st.state === 'done').length + 1}>
            {report.stages.map((st, i) => (
              <Step
                key={st.key}
                value={i + 1}
                title={st.label}
                description={st.at ? formatTime(st.at) : st.state === 'current' ? '进行中' : '未开始'}
              />
            ))}
          </Steps>
        </View>
      )}

      <View className="card" data-testid="report-sla">
        <View className="card-title">办理时限</View>
        {sla ? (
          <Text className={sla.overdue ? 'sla-overdue' : 'sla-left'} data-testid="report-countdown">
            {sla.text}
          </Text>
        ) : (
          <Text className="muted">
            {report.status === 'suspended'
              ? '已挂起，时限暂停计算'
              : report.status === 'resolved'
                ? '已办结，等待评价'
                : '已结束'}
          </Text>
        )}
        <View className="muted detail-meta">
          <Text>
            响应时限：{formatTime(report.sla.responseDueAt)}
            {report.sla.respondedAt ? `（${formatTime(report.sla.respondedAt)} 已响应）` : ''}
          </Text>
          <Text>办结时限：{formatTime(report.sla.resolveDueAt)}</Text>
          {report.sla.escalation !== '网格员' && (
            <Text className="sla-overdue">已升级至{report.sla.escalation}督办</Text>
          )}
        </View>
      </View>

      {report.answer && (
        <View className="card" data-testid="report-answer">
          <View className="card-title">办理答复</View>
          <Text>{report.answer}</Text>
          <Photos urls={report.evidencePhotos} />
          {report.rating && (
            <Text className="muted" data-testid="report-rating">
              评价：{report.rating.label}
              {report.rating.comment ? `（${report.rating.comment}）` : ''}
            </Text>
          )}
        </View>
      )}

      {(can('rate_satisfied') || can('rate_unsatisfied')) && (
        <RateCard
          busy={busy}
          onRate={(score, text) =>
            confirm(
              `评价：${RATING_LEVELS.find((l) => l.score === score)?.label ?? ''}`,
              score >= 3 ? '评价后事项将办结。' : '事项将退回网格员重新办理。',
              () =>
                run(
                  () => call('reports', 'rate', { reportId, score, comment: text || undefined }),
                  score >= 3 ? '感谢评价' : '已退回重办',
                ),
            )
          }
        />
      )}

      {(can('dispatch') ||
        can('accept') ||
        can('start') ||
        can('resume') ||
        can('suspend') ||
        can('reject') ||
        can('resolve')) && (
        <View className="card" data-testid="report-work">
          <View className="card-title">办理</View>
          {can('dispatch') && (
            <>
              <View className="muted">派给网格员</View>
              <View className="chips">
                {(workers.data?.items ?? []).map((w) => (
                  <View
                    key={w.userId}
                    className={`chip ${assignee === w.userId ? 'chip-active' : ''}`}
                    data-testid={`worker-${w.userId}`}
                    onClick={() => setAssignee(w.userId)}
                  >
                    {w.ownGrid ? '本网格 · ' : ''}
                    {w.name}（{w.grids.map((g) => g.name).join('、')}）
                  </View>
                ))}
              </View>
              {workers.data && !workers.data.gridHasWorker && (
                <View className="muted">{report.gridName}暂无专职网格员，可派给邻近网格的网格员</View>
              )}
              <View className="action-row" data-testid="action-dispatch">
                <Button
                  type="primary"
                  loading={busy}
                  disabled={!assignee}
                  onClick={() =>
                    assignee &&
                    void run(() => call('reports', 'dispatch', { reportId, assigneeUserId: assignee }), '已派单')
                  }
                >
                  派单
                </Button>
              </View>
            </>
          )}
          <View className="action-row">
            {can('accept') && (
              <View data-testid="action-accept">
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() =>
                    void run(() => call('reports', 'accept', { reportId, start: true }), '已受理，开始办理')
                  }
                >
                  受理并开始办理
                </Button>
              </View>
            )}
            {can('start') && (
              <View data-testid="action-start">
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void run(() => call('reports', 'start', { reportId }), '已开始办理')}
                >
                  开始办理
                </Button>
              </View>
            )}
            {can('resume') && (
              <View data-testid="action-resume">
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void run(() => call('reports', 'resume', { reportId }), '已恢复办理')}
                >
                  恢复办理
                </Button>
              </View>
            )}
          </View>

          {can('resolve') && (
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
              <Button
                type="primary"
                block
                loading={busy}
                onClick={() => {
                  if (evidence.length === 0 || answer.trim().length < 5) {
                    void Taro.showToast({ title: '请上传照片并填写至少 5 个字的答复', icon: 'none' });
                    return;
                  }
                  confirm('确认办结', '居民将收到您的答复并进行评价。', () =>
                    run(
                      () =>
                        call('reports', 'resolve', {
                          reportId,
                          answer: answer.trim(),
                          photos: evidence.map((p) => p.fileId),
                        }),
                      '已办结',
                    ),
                  );
                }}
              >
                办结并答复
              </Button>
            </View>
          )}

          {(can('suspend') || can('reject')) && (
            <View className="resolve-box">
              <View className="field" data-testid="action-reason">
                <Input value={note} onChange={setNote} maxLength={200} placeholder="挂起或不予受理的原因（必填）" />
              </View>
              <View className="action-row">
                {can('suspend') && (
                  <Button
                    loading={busy}
                    onClick={() =>
                      needNote('挂起原因') &&
                      confirm('确认挂起', `原因：${note.trim()}`, () =>
                        run(() => call('reports', 'suspend', { reportId, reason: note.trim() }), '已挂起'),
                      )
                    }
                  >
                    挂起
                  </Button>
                )}
                {can('reject') && (
                  <Button
                    type="danger"
                    fill="outline"
                    loading={busy}
                    onClick={() =>
                      needNote('不予受理的原因') &&
                      confirm('确认不予受理', `原因：${note.trim()}`, () =>
                        run(() => call('reports', 'reject', { reportId, reason: note.trim() }), '已处理'),
                      )
                    }
                  >
                    不予受理
                  </Button>
                )}
              </View>
            </View>
          )}
        </View>
      )}

      {report.canReward && (
        <View className="action-row" data-testid="action-reward">
          <Button
            block
            loading={busy}
            onClick={() =>
              confirm('举报奖励', '核实这件上报有价值，给上报人发放 5 绿币？每件事项只能奖励一次。', () =>
                run(() => call('reports', 'reward', { reportId, amount: 5 }), '已发放奖励'),
              )
            }
          >
            核实有价值，奖励绿币
          </Button>
        </View>
      )}

      {can('recall') && (
        <View className="action-row" data-testid="action-recall">
          <Button
            block
            loading={busy}
            onClick={() =>
              confirm('撤回上报', '撤回后网格员将不再处理这件事项。', () =>
                run(() => call('reports', 'recall', { reportId }), '已撤回'),
              )
            }
          >
            撤回上报
          </Button>
        </View>
      )}

      {report.canMeToo && (
        <View className="action-row">
          <Button block loading={busy} onClick={() => void run(() => call('reports', 'meToo', { reportId }), '已反映')}>
            我也遇到
          </Button>
        </View>
      )}

      <View className="card" data-testid="report-timeline">
        <View className="card-title">办理进度</View>
        {[...report.timeline].reverse().map((entry) => (
          <View key={entry.seq} className="timeline-item">
            <View className="timeline-dot" />
            <View className="timeline-body">
              <Text className="timeline-title">
                {entry.label}
                {entry.toStatus ? ` · ${entry.toStatus}` : ''}
              </Text>
              <Text className="muted">
                {formatTime(entry.at)} · {entry.actor}
              </Text>
              {entry.note && <Text className="timeline-note">{entry.note}</Text>}
              <Photos urls={entry.photos} />
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

/** 「好差评」 five levels, as 12345 and 政务服务 use them; the two lowest send the case back. */
const RATING_LEVELS = [
  { score: 5, label: '非常满意' },
  { score: 4, label: '满意' },
  { score: 3, label: '基本满意' },
  { score: 2, label: '不满意' },
  { score: 1, label: '非常不满意' },
] as const;

function RateCard({ busy, onRate }: { busy: boolean; onRate: (score: number, comment: string) => void }) {
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const low = score !== undefined && score < 3;
  const submit = () => {
    if (score === undefined) return void Taro.showToast({ title: '请选择满意程度', icon: 'none' });
    if (low && comment.trim().length < 2) {
      return void Taro.showToast({ title: '请说明不满意的原因，便于网格员重新办理', icon: 'none' });
    }
    onRate(score, comment.trim());
  };
  return (
    <View className="card" data-testid="report-rate">
      <View className="card-title">请评价办理结果</View>
      <View className="rate-levels" role="radiogroup" aria-label="满意程度">
        {RATING_LEVELS.map((level) => (
          <View
            key={level.score}
            className={`chip rate-level ${score === level.score ? 'chip-active' : ''} ${level.score < 3 ? 'rate-low' : ''}`}
            role="radio"
            aria-checked={score === level.score}
            data-testid={`rate-${level.score}`}
            onClick={() => setScore(level.score)}
          >
            {level.label}
          </View>
        ))}
      </View>
      <View className="field" data-testid="rate-comment">
        <Input
          value={comment}
          onChange={setComment}
          maxLength={200}
          placeholder={low ? '请说明不满意的原因（必填）' : '说说您的看法（可选）'}
        />
      </View>
      {low && <Text className="muted">选择「不满意」或「非常不满意」，事项将退回网格员重新办理。</Text>}
      <View className="action-row" data-testid="rate-submit">
        <Button type="primary" block loading={busy} disabled={score === undefined} onClick={submit}>
          提交评价
        </Button>
      </View>
    </View>
  );
}
