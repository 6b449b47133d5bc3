import { Cell } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import './index.scss';
import { Page } from '../../../components/Page';

const pct = (value: number | null) => (value === null ? '—' : `${value}%`);

/** The community's figures as 12345 judges them: response, resolution, satisfaction; rework apart. */
export default function ReportStats() {
  const stats = useRemote(() => call('reports', 'stats', {}));
  usePullDownRefresh(() => {
    void stats.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page>
      <StateView remote={stats}>
        {(s) => (
          <>
            <View className="card stats-rates" data-testid="report-stats">
              <View className="stat">
                <Text className="stat-value">{pct(s.rates.response)}</Text>
                <Text className="muted">及时响应率</Text>
              </View>
              <View className="stat">
                <Text className="stat-value">{pct(s.rates.resolution)}</Text>
                <Text className="muted">解决率</Text>
              </View>
              <View className="stat">
                <Text className="stat-value">{pct(s.rates.satisfaction)}</Text>
                <Text className="muted">满意率</Text>
              </View>
            </View>
            <Text className="muted stats-note">
              解决率只计居民评价满意后办结的事项；「不满意退回重办」单独统计，不算作解决。
            </Text>
            <Cell.Group title="事项数量">
              <Cell title="累计上报" extra={`${s.counts.submitted} 件`} />
              <Cell title="已响应" extra={`${s.counts.responded} 件`} />
              <Cell title="满意办结" extra={`${s.counts.closed} 件`} />
              <Cell title="退回重办" extra={`${s.counts.rework} 次`} />
              <Cell title="按时办结率" extra={pct(s.rates.onTimeResolution)} />
              <Cell title="超时升级" extra={`${s.counts.escalated} 件`} />
              <Cell title="不予受理" extra={`${s.counts.rejected} 件`} />
              <Cell title="居民撤回" extra={`${s.counts.recalled} 件`} />
            </Cell.Group>
          </>
        )}
      </StateView>
    </Page>
  );
}
