import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { OpinionLink } from '../shared/OpinionLink';
import { ProcedureHeader, RecordStep, StepTimeline } from './sections';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { useCouncilRoles } from '../shared/roles';

/** The procedure's timeline; staff record the next step here, strictly in order (./sections.tsx). */
export default function ProcedureTimeline() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('deliberation', 'procedure.get', { procedureId: id }), [id]);
  const { isSage } = useCouncilRoles();
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <Page>
      <StateView remote={remote}>
        {(p) => (
          <>
            <ProcedureHeader p={p} />
            <StepTimeline p={p} />
            {p.canManage && p.nextStep && <RecordStep p={p} next={p.nextStep} onRecorded={remote.reload} />}
            {isSage && <OpinionLink kind="procedure" id={p.id} title={p.title} />}
          </>
        )}
      </StateView>
    </Page>
  );
}
