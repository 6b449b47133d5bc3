import { Text, View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { formatTime, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/services.scss';

/** For staff and 乡贤 supervisors: every use of the seal, and per item how fast and how punctually it is done. */
export default function Seals() {
  const register = usePaged((skip) => call('services', 'seals', { skip, limit: 20 }));
  const figures = useRemote(() => call('services', 'figures', {}));
  return (
    <Page className="services">
      <View className="card">
        <View className="card-title">用印登记簿</View>
        <StateView remote={register.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无用印记录">
          {(p) => (
            <View data-testid="seal-register">
              {p.items.map((s) => (
                <View key={s.id} className="material" data-testid="seal-entry">
                  <View className="row-head">
                    <Text className="name">{s.document}</Text>
                    <Text className="muted">{formatTime(s.usedAt)}</Text>
                  </View>
                  <Text className="muted">
                    {s.itemName} · 用途：{s.purpose} · 申请人：{s.applicant} · 批准人：{s.approvedBy}
                  </Text>
                </View>
              ))}
              <LoadMore hasMore={p.hasMore} loading={register.loadingMore} onMore={() => void register.loadMore()} />
            </View>
          )}
        </StateView>
      </View>
      <View className="card">
        <View className="card-title">各事项办理情况</View>
        <StateView remote={figures} isEmpty={(f) => f.items.length === 0}>
          {(f) => (
            <View data-testid="services-figures">
              {f.items.map((i) => (
                <View key={i.itemId} className="material">
                  <View className="row-head">
                    <Text className="name">{i.name}</Text>
                    <Text className="badge">{i.kindLabel}</Text>
                  </View>
                  <Text className="muted">
                    申请 {i.applications} · 办结 {i.finished}（按时 {i.onTime}）· 在办 {i.open}
                    {i.overdueOpen > 0 ? ` · 超期 ${i.overdueOpen}` : ''}
                    {i.avgHoursToFinish !== null ? ` · 平均用时 ${i.avgHoursToFinish} 小时` : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </StateView>
      </View>
    </Page>
  );
}
