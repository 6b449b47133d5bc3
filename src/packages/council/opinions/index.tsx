import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Choice } from '../shared/Choice';
import { useCouncilRoles } from '../shared/roles';
import { OpinionForm, OpinionItem, OpinionStats, type Target } from './parts';
import '../shared/council.scss';

type Filter = 'open' | 'answered' | 'all';
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: '待答复' },
  { value: 'answered', label: '已答复' },
  { value: 'all', label: '全部' },
];

/** The meeting, procedure or disclosure the page was opened from (`?kind=&id=&title=`), if any. */
function useTarget(): Target | null {
  const params = useRouter().params;
  return params.kind && params.id && ['meeting', 'procedure', 'disclosure'].includes(params.kind)
    ? { kind: params.kind as Target['kind'], id: params.id, title: decodeURIComponent(params.title ?? '') }
    : null;
}

/**
 * 乡贤 supervisors file opinions (opened from a meeting, procedure or disclosure with its id) and
 * follow the answers; staff answer each one here.
 */
export default function Opinions() {
  const target = useTarget();
  const { isSage, isStaff } = useCouncilRoles();
  const [filter, setFilter] = useState<Filter>(target ? 'all' : 'open');
  const [answering, setAnswering] = useState<string | null>(null);
  const stats = useRemote(() => call('deliberation', 'opinion.stats', {}));
  const list = usePaged(
    (skip) =>
      call('deliberation', 'opinion.list', {
        skip,
        limit: 10,
        ...(filter === 'all' ? {} : { status: filter }),
        ...(target ? { targetId: target.id } : {}),
      }),
    [filter],
  );
  const refresh = async () => {
    await Promise.all([list.reload(), stats.reload()]);
  };
  return (
    <Page>
      <OpinionStats stats={stats} />
      {isSage && target && <OpinionForm target={target} onFiled={refresh} />}
      <Choice options={FILTERS} value={filter} onChange={setFilter} />
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无监督意见">
        {(data) => (
          <>
            {data.items.map((o) => (
              <OpinionItem
                key={o.id}
                o={o}
                canAnswer={isStaff}
                answering={answering === o.id}
                onAnswering={() => setAnswering(o.id)}
                onAnswered={async () => {
                  setAnswering(null);
                  await refresh();
                }}
              />
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
