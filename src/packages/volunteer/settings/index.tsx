import { Button, Dialog, Input, Switch, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

const STAR_LABELS = ['1 星', '2 星', '3 星', '4 星', '5 星'];

interface ServiceForm {
  serviceId?: string;
  name: string;
  description: string;
  points: string;
  active: boolean;
}

const EMPTY: ServiceForm = { name: '', description: '', points: '', active: true };
const isCount = (v: string) => /^\d{1,6}$/.test(v.trim()) && Number(v) >= 1;

/** Staff: the community's published points rule and star thresholds, and the services points buy. */
export default function Settings() {
  const rule = useRemote(() => call('timebank', 'rule.get', {}));
  const services = useRemote(() => call('timebank', 'service.list', { includeInactive: true }));
  const [perPoint, setPerPoint] = useState('');
  const [stars, setStars] = useState<string[]>(['', '', '', '', '']);
  const [ruleConfirm, setRuleConfirm] = useState(false);
  const [form, setForm] = useState<ServiceForm>();
  usePullDownRefresh(() => {
    void Promise.all([rule.reload(), services.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  useEffect(() => {
    if (!rule.data) return;
    setPerPoint(String(rule.data.minutesPerPoint));
    setStars(rule.data.starHours.map(String));
  }, [rule.data]);

  const checkRule = () => {
    if (!isCount(perPoint) || stars.some((s) => !isCount(s))) {
      void Taro.showToast({ title: '请填写正整数', icon: 'none' });
      return;
    }
    const hours = stars.map(Number);
    if (hours.some((h, i) => i > 0 && h <= (hours[i - 1] as number))) {
      void Taro.showToast({ title: '星级门槛须逐级递增', icon: 'none' });
      return;
    }
    setRuleConfirm(true);
  };
  const saveRule = async () => {
    setRuleConfirm(false);
    const payload = { minutesPerPoint: Number(perPoint), starHours: stars.map(Number) };
    if (await act(() => call('timebank', 'rule.save', payload), '规则已公布')) await rule.reload();
  };
  const saveService = async () => {
    if (!form) return;
    if (form.name.trim().length < 2 || !isCount(form.points)) {
      void Taro.showToast({ title: '请填写服务名称和所需积分', icon: 'none' });
      return;
    }
    const f = form;
    setForm(undefined);
    const payload = {
      ...(f.serviceId ? { serviceId: f.serviceId } : {}),
      name: f.name.trim(),
      description: f.description.trim(),
      points: Number(f.points),
      active: f.active,
    };
    if (await act(() => call('timebank', 'service.save', payload), '已保存')) await services.reload();
  };

  return (
    <Page>
      <StateView remote={rule}>
        {() => (
          <View className="vt-card" data-testid="rule-form">
            <View className="vt-title">积分规则</View>
            <View className="vt-label">每多少分钟志愿服务计 1 时间积分</View>
            <View data-testid="rule-minutes">
              <Input className="vt-input" type="digit" value={perPoint} onChange={setPerPoint} placeholder="如 30" />
            </View>
            <View className="vt-label">星级认定门槛（累计小时，逐级递增）</View>
            {STAR_LABELS.map((label, i) => (
              <View key={label} className="vt-row" data-testid={`rule-star-${i + 1}`}>
                <View className="vt-row-label">{label}</View>
                <Input
                  className="vt-input"
                  type="digit"
                  value={stars[i] ?? ''}
                  onChange={(v) => setStars(stars.map((s, j) => (j === i ? v : s)))}
                />
              </View>
            ))}
            <View className="muted">修改后立即对本社区所有志愿者生效，已记入的积分不变。</View>
            <View className="vt-actions" data-testid="rule-save">
              <Button type="primary" onClick={checkRule}>
                保存并公布
              </Button>
            </View>
          </View>
        )}
      </StateView>
      <View className="vt-card">
        <View className="vt-title">
          可兑换服务
          <View data-testid="service-add">
            <Button size="small" type="primary" onClick={() => setForm({ ...EMPTY })}>
              新增服务
            </Button>
          </View>
        </View>
        <StateView remote={services} isEmpty={(d) => d.items.length === 0} emptyText="还没有可兑换的服务">
          {(d) => (
            <>
              {d.items.map((s) => (
                <View key={s.id} className="vt-item" data-testid="service-row" data-name={s.name}>
                  <View className="vt-title">
                    {s.name} · {s.points} 积分
                    <Tag type={s.active ? 'success' : 'default'}>{s.active ? '上架中' : '已下架'}</Tag>
                  </View>
                  {s.description && <View className="muted">{s.description}</View>}
                  <View className="vt-actions" data-testid="service-edit">
                    <Button
                      fill="outline"
                      onClick={() =>
                        setForm({
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
              ))}
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={ruleConfirm}
        title="公布积分规则"
        content={`每 ${perPoint} 分钟 1 积分；星级门槛 ${stars.join(' / ')} 小时。确定公布吗？`}
        confirmText="确定公布"
        cancelText="取消"
        onConfirm={() => void saveRule()}
        onCancel={() => setRuleConfirm(false)}
      />
      <Dialog
        visible={form !== undefined}
        title={form?.serviceId ? '修改服务' : '新增服务'}
        content={
          form ? (
            <View data-testid="service-form">
              <View className="vt-label">服务名称</View>
              <Input
                className="vt-input"
                value={form.name}
                maxLength={30}
                onChange={(v) => setForm({ ...form, name: v })}
                placeholder="如：上门理发"
              />
              <View className="vt-label">所需时间积分</View>
              <Input
                className="vt-input"
                type="digit"
                value={form.points}
                onChange={(v) => setForm({ ...form, points: v })}
                placeholder="如 10"
              />
              <View className="vt-label">说明</View>
              <TextArea
                value={form.description}
                maxLength={300}
                onChange={(v) => setForm({ ...form, description: v })}
              />
              <View className="vt-row">
                <View className="vt-row-label">上架</View>
                <Switch checked={form.active} onChange={(v) => setForm({ ...form, active: v })} aria-label="上架" />
              </View>
            </View>
          ) : null
        }
        confirmText="保存"
        cancelText="取消"
        onConfirm={() => void saveService()}
        onCancel={() => setForm(undefined)}
      />
    </Page>
  );
}
