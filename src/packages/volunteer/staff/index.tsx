import { Button, Dialog, Tabs, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, go, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { hoursText, starsText } from '../shared/format';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

export default function StaffVolunteers() {
  const [status, setStatus] = useState<'pending' | 'verified'>('pending');
  const figures = useRemote(() => call('timebank', 'figures', {}));
  const roster = usePaged((skip) => call('timebank', 'volunteer.roster', { status, skip, limit: 20 }), [status]);
  const [verifying, setVerifying] = useState<{ userId: string; name: string }>();
  const verify = async () => {
    if (!verifying) return;
    const v = verifying;
    setVerifying(undefined);
    if (await act(() => call('timebank', 'volunteer.verify', { userId: v.userId }), '已认证')) {
      await Promise.all([roster.reload(), figures.reload()]);
    }
  };
  return (
    <Page>
      <StateView remote={figures}>
        {(f) => (
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
        )}
      </StateView>
      <View className="vt-links">
        <Button fill="outline" onClick={() => go('/packages/volunteer/queue/index')}>
          服务兑换审核
        </Button>
        <Button fill="outline" onClick={() => go('/packages/volunteer/disputes/index')}>
          时长申诉
        </Button>
        <Button fill="outline" onClick={() => go('/packages/volunteer/settings/index')}>
          积分规则与服务
        </Button>
        <Button fill="outline" onClick={() => go('/packages/volunteer/activities/index')}>
          志愿活动
        </Button>
      </View>
      <Tabs value={status} onChange={(v) => setStatus(v as typeof status)}>
        <Tabs.TabPane value="pending" title="待认证" />
        <Tabs.TabPane value="verified" title="已认证" />
      </Tabs>
      <StateView remote={roster.remote} isEmpty={(d) => d.items.length === 0} emptyText="暂无志愿者">
        {(d) => (
          <>
            {d.items.map((v) => (
              <View key={v.userId} className="vt-card" data-testid="roster-item" data-name={v.realName}>
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
                    <Button type="primary" onClick={() => setVerifying({ userId: v.userId, name: v.realName })}>
                      认证
                    </Button>
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={d.hasMore} loading={roster.loadingMore} onMore={() => void roster.loadMore()} />
          </>
        )}
      </StateView>
      <Dialog
        visible={verifying !== undefined}
        title="认证志愿者"
        content={verifying ? `确认已核实 ${verifying.name} 的身份？认证后可发布志愿活动。` : ''}
        confirmText="确认认证"
        cancelText="取消"
        onConfirm={() => void verify()}
        onCancel={() => setVerifying(undefined)}
      />
    </Page>
  );
}
