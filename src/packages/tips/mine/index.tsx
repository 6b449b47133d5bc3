import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { formatTime, go, LoadMore, WhyDisabled } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import '../../services/shared/services.scss';

type Tip = ActionOutput<'tips', 'mine'>['items'][number];

function TipCard({ tip }: { tip: Tip }) {
  return (
    <View className="card" data-testid="tip-card">
      <View className="row-head">
        <Text className="name">{tip.schemeName}</Text>
        <Text className="badge">{tip.statusLabel}</Text>
      </View>
      <Text className="muted">提交于 {formatTime(tip.submittedAt)}</Text>
      {tip.reward !== null && (
        <View className="facts">
          <Text>
            评定：{tip.levelLabel}
            {tip.reward > 0 ? `，奖励 ${tip.reward} 元` : ''}
          </Text>
          {tip.reward > 0 && (
            <Text>{tip.paidOut ? '奖励已领取' : '请携带身份证（匿名的出示领取码）到社区综治中心领取'}</Text>
          )}
        </View>
      )}
    </View>
  );
}

/** My named tips, and an anonymous one followed with its claim code. */
export default function MyTips() {
  const list = usePaged((skip) => call('tips', 'mine', { skip, limit: 20 }));
  const [code, setCode] = useState('');
  const [followed, setFollowed] = useState<Tip | null>(null);
  const [error, setError] = useState('');
  const follow = async () => {
    setError('');
    try {
      setFollowed((await call('tips', 'follow', { claimCode: code })).tip);
    } catch (e) {
      setFollowed(null);
      setError((e as Error).message);
    }
  };
  return (
    <Page className="services">
      <View className="card">
        <View className="card-title">匿名举报查询</View>
        <View className="field" data-testid="tip-follow-code">
          <Input className="input" value={code} maxLength={14} placeholder="领取码 XXXX-XXXX-XXXX" onChange={setCode} />
        </View>
        <View data-testid="tip-follow">
          <Button block disabled={code.trim().length < 14} onClick={() => void follow()}>
            查询
          </Button>
          <WhyDisabled reason={code.trim().length < 14 ? '请输入完整的领取码（XXXX-XXXX-XXXX）' : ''} />
        </View>
        {error ? <Text className="missing">{error}</Text> : null}
        {followed && <TipCard tip={followed} />}
      </View>
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => go('/packages/tips/report/index')}>
          我要举报
        </Button>
      </View>
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="还没有实名举报">
        {(p) => (
          <View data-testid="tips-mine">
            {p.items.map((t) => (
              <TipCard key={t.id} tip={t} />
            ))}
            <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </View>
        )}
      </StateView>
    </Page>
  );
}
