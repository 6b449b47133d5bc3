import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { ExportButton } from '../shared/ExportButton';
import { CouncilCard, GreencoinCard, GridworkerRank, ReportCards, SafetyCard, VolunteersCard } from './cards';
import type { Target } from './targets';

/**
 * The figures of one place for one period, and for a community its grid workers' ranking. Its own
 * component so that what the figures answer adds (how fresh the figures are) lands here alone.
 */
export function Figures({ target, from, to }: { target: Target; from: string; to: string }) {
  const figures = useRemote(
    () => call('admin', 'figures', { scope: target.scope, id: target.id, from, to }),
    [target.scope, target.id, from, to],
  );
  const communityId = target.scope === 'community' ? target.id : null;
  const rank = useRemote(
    () => (communityId ? call('admin', 'gridworkers.rank', { communityId, from, to }) : Promise.resolve(null)),
    [communityId, from, to],
  );
  usePullDownRefresh(() => {
    void Promise.all([figures.reload(), rank.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <StateView remote={figures}>
      {(f) => (
        <View data-testid="dashboard-figures">
          <ExportButton
            request={{ table: 'figures', scope: target.scope, id: target.id, from, to }}
            testId="export-figures"
          />
          <ReportCards reports={f.reports} />
          <GreencoinCard greencoin={f.greencoin} />
          <CouncilCard council={f.council} />
          <VolunteersCard volunteers={f.volunteers} />
          <SafetyCard safety={f.safety} />
          {communityId && (
            <StateView remote={rank} isEmpty={(r) => !r || r.items.length === 0} emptyText="暂无网格员">
              {(r) => r && <GridworkerRank rank={r} communityId={communityId} from={from} to={to} />}
            </StateView>
          )}
        </View>
      )}
    </StateView>
  );
}
