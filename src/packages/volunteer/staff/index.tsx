import { Button, Tabs, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { hoursText, starsText } from '../shared/format';
import { NavButtons, PagedCards } from '../shared/parts';
import type { Tb, TbItem } from '../shared/types';
import '../shared/volunteer.scss';

type Volunteer = TbItem<'volunteer.roster'>;

const LINKS = [
  { label: '服务兑换审核', url: '/packages/volunteer/queue/index' },
  { label: '时长申诉', url: '/packages/volunteer/disputes/index' },
  { label: '积分规则与服务', url: '/packages/volunteer/settings/index' },
  { label: '志愿活动', url: '/packages/volunteer/activities/index' },
];

function Figures({ f }: { f: Tb<'figures'> }) {
  return (
    <View className="vt-card" data-testid="tb-figures">
      <View className="vt-title">时间银行统计</View>
      <View className="vt-stats">
        <View className="vt-stat">
          <View className="vt-stat-value">{f.registeredShare}%</View>
          <View className="vt-stat-label">
            居民登记率（{f.volunteers}/{f.residents}）
          </View>
        </View>
        <View className="vt-stat">
          <View className="vt-stat-value">{f.averageHours}</View>
          <View className="vt-stat-label">人均志愿小时</View>
        </View>
        <View className="vt-stat">
          <View className="vt-stat-value">{f.verified}</View>
          <View className="vt-stat-label">已认证</View>
        </View>
      </View>
    </View>
  );
}

function RosterCard(props: { v: Volunteer; onVerify: () => void }) {
  const { v } = props;
  return (
    <View className="vt-card" data-testid="roster-item" data-name={v.realName}>
      <View className="vt-title">
        {v.realName}
        <Tag type={v.status === 'verified' ? 'success' : 'warning'}>{v.statusLabel}</Tag>
      </View>
      <View className="muted">技能：{v.skills.join('、') || '—'}</View>
      <View className="muted">可服务时间：{v.availability}</View>
      <View className="muted">
        累计 {hoursText(v.confirmedMinutes)} · {starsText(v.star.stars)}
      </View>
      {v.status === 'pending' && (
        <View className="vt-actions">
          <Button type="primary" onClick={props.onVerify}>
            认证
          </Button>
        </View>
      )}
    </View>
  );
}

/** Staff's time-bank desk: the figures, the way to the queues, and the roster to verify. */
export default function StaffVolunteers() {
  const [status, setStatus] = useState<'pending' | 'verified'>('pending');
  const figures = useRemote(() => call('timebank', 'figures', {}));
  const roster = usePaged((skip) => call('timebank', 'volunteer.roster', { status, skip, limit: 20 }), [status]);
  const verify = async (v: Volunteer) => {
    const ok = await confirm({
      title: '认证志愿者',
      content: `确认已核实 ${v.realName} 的身份？认证后可发布志愿活动。`,
      confirmText: '确认认证',
    });
    if (ok && (await act(() => call('timebank', 'volunteer.verify', { userId: v.userId }), '已认证')))
      await Promise.all([roster.reload(), figures.reload()]);
  };
  return (
    <Page>
      <StateView remote={figures}>{(f) => <Figures f={f} />}</StateView>
      <NavButtons links={LINKS} />
      <Tabs value={status} onChange={(v) => setStatus(v as typeof status)}>
        <Tabs.TabPane value="pending" title="待认证" />
        <Tabs.TabPane value="verified" title="已认证" />
      </Tabs>
      <PagedCards list={roster} emptyText="暂无志愿者">
        {(v) => <RosterCard key={v.userId} v={v} onVerify={() => void verify(v)} />}
      </PagedCards>
    </Page>
  );
}
