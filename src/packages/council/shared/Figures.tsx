import { View } from '@tarojs/components';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';

/** The community's council figures, in the programme's own three categories. */
export function Figures() {
  const figures = useRemote(() => call('deliberation', 'figures', {}));
  const f = figures.data;
  if (!f) return null;
  return (
    <View className="card" data-testid="council-figures">
      <View className="card-title">本社区议事统计</View>
      <View className="council-line">
        已召开 {f.meetingsHeld} 次，参会 {f.attendees} 人次
      </View>
      <View className="council-line">
        议定公共服务 {f.outcomes.publicService} 项、监督管理 {f.outcomes.supervision} 项、基础设施建设{' '}
        {f.outcomes.infrastructure} 项
      </View>
      <View className="council-line">
        待答复议题 {f.topicsOpen} 个，待答复监督意见 {f.opinions.open} 条
      </View>
    </View>
  );
}
