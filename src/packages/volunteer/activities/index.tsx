import { Tabs, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { formatTime, go } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { call } from '../../../services/client';
import { clockText } from '../shared/format';
import { NavButtons, PagedCards } from '../shared/parts';
import type { TbItem } from '../shared/types';
import '../shared/volunteer.scss';

type Activity = TbItem<'activity.list'>;

const SCOPES = [
  { key: 'upcoming', title: '近期活动' },
  { key: 'organised', title: '我组织的' },
  { key: 'past', title: '往期' },
] as const;

const LINKS = [
  { label: '我的志愿卡', url: '/packages/volunteer/me/index' },
  { label: '我的报名', url: '/packages/volunteer/mine/index' },
  { label: '积分兑换', url: '/packages/volunteer/services/index' },
  { label: '发布活动', url: '/packages/volunteer/create/index', primary: true },
];

function ActivityCard({ a }: { a: Activity }) {
  return (
    <View
      className="vt-card"
      data-testid="activity-item"
      data-title={a.title}
      onClick={() => go(`/packages/volunteer/activity/index?id=${a.id}`)}
    >
      <View className="vt-title">
        {a.title}
        {a.signUpOpen ? (
          <Tag type={a.left > 0 ? 'success' : 'warning'}>{a.left > 0 ? `余 ${a.left} 个名额` : '可候补'}</Tag>
        ) : (
          // Started, ended or cancelled: no free places are offered once sign-up has closed.
          <Tag type="default">{`${a.statusLabel} · 报名已截止`}</Tag>
        )}
      </View>
      <View className="muted">
        {formatTime(a.startsAt)} 至 {clockText(a.endsAt)} · {a.place}
      </View>
      <View className="muted">
        已报 {a.taken}/{a.slots}
        {a.waiting > 0 ? ` · 候补 ${a.waiting}` : ''} · 计 {a.creditMinutes} 分钟
      </View>
    </View>
  );
}

export default function Activities() {
  const [scope, setScope] = useState<(typeof SCOPES)[number]['key']>('upcoming');
  const list = usePaged((skip) => call('timebank', 'activity.list', { scope, skip, limit: 20 }), [scope]);
  useReloadOnShow(list.reload);
  return (
    <Page>
      <NavButtons links={LINKS} small />
      <Tabs value={scope} onChange={(v) => setScope(v as typeof scope)}>
        {SCOPES.map((s) => (
          <Tabs.TabPane key={s.key} value={s.key} title={s.title} />
        ))}
      </Tabs>
      <PagedCards list={list} emptyText="暂无活动">
        {(a) => <ActivityCard key={a.id} a={a} />}
      </PagedCards>
    </Page>
  );
}
