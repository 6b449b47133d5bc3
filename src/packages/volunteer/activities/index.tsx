import { Button, Tabs, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { formatTime, go, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

const SCOPES = [
  { key: 'upcoming', title: '近期活动' },
  { key: 'organised', title: '我组织的' },
  { key: 'past', title: '往期' },
] as const;

export default function Activities() {
  const [scope, setScope] = useState<(typeof SCOPES)[number]['key']>('upcoming');
  const list = usePaged((skip) => call('timebank', 'activity.list', { scope, skip, limit: 20 }), [scope]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      <View className="vt-links">
        <Button size="small" fill="outline" onClick={() => go('/packages/volunteer/me/index')}>
          我的志愿卡
        </Button>
        <Button size="small" fill="outline" onClick={() => go('/packages/volunteer/mine/index')}>
          我的报名
        </Button>
        <Button size="small" fill="outline" onClick={() => go('/packages/volunteer/services/index')}>
          积分兑换
        </Button>
        <Button size="small" type="primary" onClick={() => go('/packages/volunteer/create/index')}>
          发布活动
        </Button>
      </View>
      <Tabs value={scope} onChange={(v) => setScope(v as typeof scope)}>
        {SCOPES.map((s) => (
          <Tabs.TabPane key={s.key} value={s.key} title={s.title} />
        ))}
      </Tabs>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="暂无活动">
        {(d) => (
          <>
            {d.items.map((a) => (
              <View
                key={a.id}
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
                  {formatTime(a.startsAt)} 至 {formatTime(a.endsAt).slice(11)} · {a.place}
                </View>
                <View className="muted">
                  已报 {a.taken}/{a.slots}
                  {a.waiting > 0 ? ` · 候补 ${a.waiting}` : ''} · 计 {a.creditMinutes} 分钟
                </View>
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
