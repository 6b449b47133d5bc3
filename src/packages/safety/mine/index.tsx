import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { confirmAct } from '../../../components/confirmAct';
import { StateView } from '../../../components/StateView';
import { formatDay } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Scorecard, STATUS_LABELS } from '../shared/Scorecard';
import '../shared/safety.scss';
import { Page } from '../../../components/Page';
import { TextLink } from '../../../components/TextLink';

function Detail({ unitId, onChanged }: { unitId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('safety', 'unit', { unitId }), [unitId]);
  const reapply = async () => {
    const ok = await confirmAct(
      { title: '重新申请评定？', content: '申请将回到待评定队列，社区工作人员会按最新数据重新评分。' },
      () => call('safety', 'reapply', { unitId }),
      '已重新申请',
    );
    if (ok) onChanged();
  };
  return (
    <StateView remote={detail}>
      {(d) => (
        <View>
          {d.scorecards.length === 0 && <Text className="muted">尚未评定，社区工作人员会按公开标准评分。</Text>}
          {d.scorecards.map((s) => (
            <View key={s.id} className="card">
              <Text className="card-title">
                {s.year} 年度评分表（{formatDay(s.evaluatedAt)}）{s.title ? ` · ${s.title}` : ''}
              </Text>
              <Scorecard items={s.items} total={s.total} max={s.max} passScore={s.passScore} passed={s.passed} />
            </View>
          ))}
          {(d.unit.status === 'failed' || d.unit.status === 'expired') && (
            <View className="actions">
              <Button type="primary" onClick={() => void reapply()}>
                重新申请评定
              </Button>
            </View>
          )}
        </View>
      )}
    </StateView>
  );
}

/** My 平安细胞 applications, their status, and each scorecard with its reasons. */
export default function MySafety() {
  const list = usePaged((skip) => call('safety', 'mine', { skip, limit: 20 }));
  const [open, setOpen] = useState<string | null>(Taro.getCurrentInstance().router?.params.unitId ?? null);
  return (
    <Page className="safety">
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => void Taro.navigateTo({ url: '/packages/safety/apply/index' })}>
          新的申请
        </Button>
        <Button size="small" onClick={() => void Taro.navigateTo({ url: '/packages/safety/public/index' })}>
          平安光荣榜
        </Button>
      </View>
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="还没有申请">
        {(p) => (
          <View data-testid="safety-mine">
            {p.items.map((u) => (
              <View key={u.id} className="card">
                <View className="row-head" onClick={() => setOpen(open === u.id ? null : u.id)}>
                  <Text className="name">
                    {u.name} · {u.typeLabel}
                  </Text>
                  <Text className={`badge ${u.status === 'failed' ? 'badge-warn' : ''}`}>
                    {u.status === 'awarded' && u.title ? u.title : STATUS_LABELS[u.status]}
                  </Text>
                </View>
                <Text className="muted">
                  {u.address} · 申请于 {formatDay(u.appliedAt)}
                  {u.score !== null ? ` · 最近得分 ${u.score}` : ''}
                </Text>
                {open === u.id ? (
                  <Detail unitId={u.id} onChanged={() => void list.reload()} />
                ) : (
                  <TextLink role="button" onClick={() => setOpen(u.id)}>
                    查看评分表 ›
                  </TextLink>
                )}
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
    </Page>
  );
}
