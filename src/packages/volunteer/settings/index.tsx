import { Button, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { usePullRefresh } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';
import { RuleForm } from './RuleForm';
import { EMPTY_SERVICE, ServiceDialog, type ServiceForm } from './ServiceDialog';

type Service = TbItem<'service.list'>;

function ServiceRow(props: { s: Service; onEdit: (form: ServiceForm) => void }) {
  const { s } = props;
  return (
    <View className="vt-item" data-testid="service-row" data-name={s.name}>
      <View className="vt-title">
        {s.name} · {s.points} 积分
        <Tag type={s.active ? 'success' : 'default'}>{s.active ? '上架中' : '已下架'}</Tag>
      </View>
      {s.description && <View className="muted">{s.description}</View>}
      <View className="vt-actions" data-testid="service-edit">
        <Button
          fill="outline"
          onClick={() =>
            props.onEdit({
              serviceId: s.id,
              name: s.name,
              description: s.description,
              points: String(s.points),
              active: s.active,
            })
          }
        >
          修改
        </Button>
      </View>
    </View>
  );
}

/** Staff: the community's published points rule and star thresholds, and the services points buy. */
export default function Settings() {
  const rule = useRemote(() => call('timebank', 'rule.get', {}));
  const services = useRemote(() => call('timebank', 'service.list', { includeInactive: true }));
  const [form, setForm] = useState<ServiceForm>();
  usePullRefresh(rule.reload, services.reload);
  return (
    <Page>
      <StateView remote={rule}>{(r) => <RuleForm rule={r} onSaved={rule.reload} />}</StateView>
      <View className="vt-card">
        <View className="vt-title">
          可兑换服务
          <View data-testid="service-add">
            <Button size="small" type="primary" onClick={() => setForm({ ...EMPTY_SERVICE })}>
              新增服务
            </Button>
          </View>
        </View>
        <StateView remote={services} isEmpty={(d) => d.items.length === 0} emptyText="还没有可兑换的服务">
          {(d) => (
            <>
              {d.items.map((s) => (
                <ServiceRow key={s.id} s={s} onEdit={setForm} />
              ))}
            </>
          )}
        </StateView>
      </View>
      <ServiceDialog form={form} onChange={setForm} onSaved={services.reload} />
    </Page>
  );
}
