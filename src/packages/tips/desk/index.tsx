import { OpenQueue } from '../../../components/OpenQueue';
import { Page } from '../../../components/Page';
import { formatTime } from '../../../components/ui';
import { useOpenQueue } from '../../../hooks/useOpenQueue';
import { call } from '../../../services/client';
import { TipDetail } from './TipDetail';
import '../../services/shared/services.scss';

const FILTERS = [
  { id: 'received', label: '待评定' },
  { id: 'graded', label: '待复核' },
  { id: 'rewarded', label: '待发放' },
  { id: 'paid', label: '已发放' },
  { id: 'closed', label: '已办结' },
  { id: 'forfeited', label: '已作废' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];

/** The officers' desk: tips of their schemes only, content opened one at a time. */
export default function TipDesk() {
  const queue = useOpenQueue<Filter, Awaited<ReturnType<typeof load>>>('received', load);
  return (
    <Page className="services">
      <OpenQueue
        queue={queue}
        filters={FILTERS}
        prefix="tip"
        rowTestId="tip-row"
        emptyText="暂无举报"
        title={(t) => `${t.schemeName}${t.anonymous ? '（匿名）' : ''}`}
        badge={(t) => t.statusLabel}
        meta={(t) => `提交于 ${formatTime(t.submittedAt)}`}
        openLabel="查看内容 ›"
        body={(t) => <TipDetail tipId={t.id} onChanged={() => void queue.list.reload()} />}
      />
    </Page>
  );
}

const load = (status: Filter, skip: number) => call('tips', 'queue', { status, skip, limit: 20 });
