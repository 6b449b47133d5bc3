import { useRouter } from '@tarojs/taro';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { useServerNow, useTick } from '../shared';
import { RateCard } from './RateCard';
import { AnswerCard, SlaCard, StagesCard, SummaryCard, TimelineCard } from './sections';
import { type Detail, useReportSteps } from './useReportSteps';
import { ResidentSteps, WorkCard } from './WorkCard';
import './index.scss';

/** Report detail: what, where, SLA countdown, timeline, and the steps this person may take now. */
export default function ReportDetail() {
  const id = useRouter().params.id ?? '';
  // usePaged brings pull-down refresh and reload-on-show; the detail is a "page" of one.
  const paged = usePaged(
    async () => {
      const report = await call('reports', 'get', { reportId: id });
      return { items: [report], hasMore: false, now: report.now };
    },
    [id],
    { reloadOnShow: true },
  );
  useTick();
  const now = useServerNow(paged.data?.now)();
  return (
    <Page className="report-detail">
      <StateView remote={paged.remote}>
        {(data) => {
          const report = data.items[0];
          return report ? <DetailBody report={report} now={now} reload={paged.remote.reload} /> : null;
        }}
      </StateView>
    </Page>
  );
}

/** The report's cards, then the steps the server's `actions` allow this person now. */
function DetailBody({ report, now, reload }: { report: Detail; now: number; reload: () => Promise<void> }) {
  const steps = useReportSteps(report, reload);
  return (
    <>
      <SummaryCard report={report} />
      <StagesCard report={report} />
      <SlaCard report={report} now={now} />
      <AnswerCard report={report} />
      {(steps.can('rate_satisfied') || steps.can('rate_unsatisfied')) && (
        <RateCard busy={steps.busy} onRate={steps.rate} />
      )}
      <WorkCard report={report} steps={steps} />
      <ResidentSteps report={report} steps={steps} />
      <TimelineCard report={report} />
    </>
  );
}
