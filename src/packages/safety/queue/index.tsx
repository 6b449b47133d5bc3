import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { StateView } from '../../../components/StateView';
import { formatDay } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { STATUS_LABELS } from '../shared/Scorecard';
import '../shared/safety.scss';
import { Page } from '../../../components/Page';

type View_ = 'applied' | 'due' | 'awarded' | 'failed';
const VIEWS: Array<[View_, string]> = [
  ['applied', '待评定'],
  ['due', '到期待复评'],
  ['awarded', '已授牌'],
  ['failed', '未通过'],
];

function Queue({ communityId }: { communityId: string }) {
  const [view, setView] = useState<View_>('applied');
  const list = usePaged((skip) => call('safety', 'queue', { communityId, view, skip, limit: 20 }), [communityId, view]);
  useDidShow(() => void list.reload());
  return (
    <>
      <Chips
        items={VIEWS.map(([key, label]) => ({ key, label, view: key }))}
        active={view}
        onPick={(c) => setView(c.view)}
        testid="safety-views"
      />
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无申请">
        {(p) => (
          <View className="card" data-testid="safety-queue">
            {p.items.map((u) => (
              <View
                key={u.id}
                className="row"
                onClick={() => void Taro.navigateTo({ url: `/packages/safety/evaluate/index?unitId=${u.id}` })}
              >
                <View className="row-head">
                  <Text className="name">
                    {u.name} · {u.typeLabel}
                  </Text>
                  <Text className="badge">{u.title ?? STATUS_LABELS[u.status]}</Text>
                </View>
                <Text className="muted">
                  {u.address} · {u.contactName} {u.contactPhone} · 申请于 {formatDay(u.appliedAt)}
                  {u.score !== null ? ` · 得分 ${u.score}` : ''}
                </Text>
              </View>
            ))}
            {p.hasMore && (
              <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </StateView>
    </>
  );
}

/** Staff's 平安细胞 work: new applications, awards due for yearly re-evaluation, decided ones. */
export default function SafetyQueue() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [communityId, setCommunityId] = useState<string | null>(null);
  return (
    <Page className="safety">
      <StateView remote={places} isEmpty={(p) => p.communities.length === 0} emptyText="暂无可管理的社区">
        {(p) => {
          const current = communityId ?? p.communities[0]?.id ?? '';
          return (
            <>
              {p.communities.length > 1 && (
                <Chips
                  items={p.communities.map((c) => ({ key: c.id, label: c.name }))}
                  active={current}
                  onPick={(c) => setCommunityId(c.key)}
                />
              )}
              <Queue communityId={current} />
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
