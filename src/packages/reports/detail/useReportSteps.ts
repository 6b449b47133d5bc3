import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isSatisfied, ratingLabel } from '../../../../cloudfunctions/_core/domain/reports/case';
import { DEFAULT_REPORT_REWARD } from '../../../../cloudfunctions/_core/domain/reports/reward';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { confirmThen } from '../../../components/confirm';
import { toastDone } from '../../../components/toast';
import { call } from '../../../services/client';

export type Detail = ActionOutput<'reports', 'get'>;
export type ReportEvent = Detail['actions'][number];

/**
 * The steps a person takes on a report: each is asked of the server, then the detail reloads.
 * What may be taken comes from the server's `actions` (the lifecycle table's `allowedEvents`),
 * `canReward` and `canMeToo`; the page never decides it.
 */
export function useReportSteps(report: Detail, reload: () => Promise<void>) {
  const reportId = report.id;
  const [busy, setBusy] = useState(false);
  // Bumped after every step that succeeded, so forms (reason, answer, evidence) start empty again.
  const [round, setRound] = useState(0);
  const run = async (step: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await step();
      toastDone(done);
      setRound((n) => n + 1);
      await reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  const ask = (title: string, content: string, step: () => Promise<unknown>, done: string) =>
    confirmThen({ title, content }, () => run(step, done));
  return {
    busy,
    round,
    run,
    can: (event: ReportEvent) => report.actions.includes(event),
    rate: (score: number, comment: string) =>
      ask(
        `评价：${ratingLabel(score)}`,
        isSatisfied(score) ? '评价后事项将办结。' : '事项将退回网格员重新办理。',
        () => call('reports', 'rate', { reportId, score, comment: comment || undefined }),
        isSatisfied(score) ? '感谢评价' : '已退回重办',
      ),
    resolve: (answer: string, photos: string[]) =>
      ask(
        '确认办结',
        '居民将收到您的答复并进行评价。',
        () => call('reports', 'resolve', { reportId, answer, photos }),
        '已办结',
      ),
    suspend: (reason: string) =>
      ask('确认挂起', `原因：${reason}`, () => call('reports', 'suspend', { reportId, reason }), '已挂起'),
    reject: (reason: string) =>
      ask('确认不予受理', `原因：${reason}`, () => call('reports', 'reject', { reportId, reason }), '已处理'),
    reward: () =>
      ask(
        '举报奖励',
        `核实这件上报有价值，给上报人发放 ${DEFAULT_REPORT_REWARD} 绿币？每件事项只能奖励一次。`,
        () => call('reports', 'reward', { reportId, amount: DEFAULT_REPORT_REWARD }),
        '已发放奖励',
      ),
    recall: () =>
      ask('撤回上报', '撤回后网格员将不再处理这件事项。', () => call('reports', 'recall', { reportId }), '已撤回'),
    meToo: () => void run(() => call('reports', 'meToo', { reportId }), '已反映'),
  };
}
export type ReportSteps = ReturnType<typeof useReportSteps>;
