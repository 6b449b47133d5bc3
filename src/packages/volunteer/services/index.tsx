import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, formatTime, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { PagedCards, usePullRefresh } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';

type Service = TbItem<'service.list'>;
type Request = TbItem<'service.mine'>;

const REQUEST_TAG = { requested: 'warning', rejected: 'danger' } as const;

/** The volunteer's points, the services they buy, and their own requests (cancellable while open). */
function useServices() {
  const services = useRemote(() => call('timebank', 'service.list', {}));
  const me = useRemote(() => call('timebank', 'volunteer.me', {}));
  const mine = usePaged((skip) => call('timebank', 'service.mine', { skip, limit: 20 }));
  usePullRefresh(services.reload, me.reload);
  const refresh = () => Promise.all([me.reload(), mine.reload()]);
  const request = async (s: Service) => {
    // One key per intended request, made before asking, so a retried send is one request.
    const key = newKey();
    const ok = await confirm({
      title: '申请兑换服务',
      content: `兑换「${s.name}」将冻结 ${s.points} 时间积分，审核通过后扣除。确定申请吗？`,
      confirmText: '确认申请',
      cancelText: '再想想',
    });
    if (
      ok &&
      (await act(() => call('timebank', 'service.request', { serviceId: s.id, idempotencyKey: key }), '已申请'))
    )
      await refresh();
  };
  const cancel = async (requestId: string) => {
    const ok = await confirm({
      title: '取消申请',
      content: '取消后冻结的积分会退回，确定取消吗？',
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (ok && (await act(() => call('timebank', 'service.cancel', { requestId }), '已取消，积分已退回')))
      await refresh();
  };
  return { services, me, mine, request, cancel };
}

function ServiceCard(props: { s: Service; onRequest: () => void }) {
  const { s } = props;
  return (
    <View className="vt-card" data-testid="service-item" data-name={s.name}>
      <View className="vt-title">
        {s.name}
        <Tag type="success">{s.points} 积分</Tag>
      </View>
      <View className="muted">{s.description}</View>
      <View className="vt-actions">
        <Button type="primary" onClick={props.onRequest}>
          申请兑换
        </Button>
      </View>
    </View>
  );
}

function RequestCard(props: { r: Request; onCancel: () => void }) {
  const { r } = props;
  return (
    <View className="vt-card" data-testid="service-request" data-status={r.status}>
      <View className="vt-title">
        {r.serviceName}
        <Tag type={REQUEST_TAG[r.status as keyof typeof REQUEST_TAG] ?? 'default'}>{r.statusLabel}</Tag>
      </View>
      <View className="muted">
        {r.points} 积分 · {formatTime(r.createdAt)}
      </View>
      {r.rejectReason && <View className="muted">原因：{r.rejectReason}</View>}
      {r.status === 'requested' && (
        <View className="vt-actions">
          <Button fill="outline" onClick={props.onCancel}>
            取消申请
          </Button>
        </View>
      )}
    </View>
  );
}

export default function Services() {
  const { services, me, mine, request, cancel } = useServices();
  return (
    <Page>
      <View className="vt-card">
        <View className="muted">可用时间积分</View>
        <View className="vt-stat-value" data-testid="service-points">
          {me.data?.points.available ?? '—'}
        </View>
      </View>
      <StateView remote={services} isEmpty={(d) => d.items.length === 0} emptyText="暂无可兑换的服务">
        {(d) => (
          <>
            {d.items.map((s) => (
              <ServiceCard key={s.id} s={s} onRequest={() => void request(s)} />
            ))}
          </>
        )}
      </StateView>
      <View className="vt-title">我的兑换申请</View>
      <PagedCards list={mine} emptyText="还没有兑换申请">
        {(r) => <RequestCard key={r.id} r={r} onCancel={() => void cancel(r.id)} />}
      </PagedCards>
    </Page>
  );
}
