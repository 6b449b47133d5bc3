import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { formatDay, formatTime } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { hoursText, starsText } from '../shared/format';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

export default function Certificate() {
  const list = usePaged((skip) => call('timebank', 'certificate', { skip }));
  useShareAppMessage(() => ({ title: '我的志愿服务时长证明', path: '/packages/volunteer/certificate/index' }));
  return (
    <Page>
      <StateView remote={list.remote}>
        {(d) => (
          <View className="vt-cert" data-testid="certificate">
            <View className="vt-cert-head">志愿服务时长证明</View>
            <View className="muted">
              兹证明 {d.volunteer.realName} 同志参加本社区志愿服务 {d.volunteer.activityCount} 次，累计志愿服务时长{' '}
              {hoursText(d.volunteer.confirmedMinutes)}，星级认定为 {starsText(d.volunteer.star.stars)}。
            </View>
            {d.items.map((i) => (
              <View key={i.activityId} className="muted">
                {formatDay(i.date)} {i.title} {hoursText(i.minutes)}
              </View>
            ))}
            {d.hasMore && (
              <View className="load-more">
                <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                  显示更多服务记录
                </Button>
              </View>
            )}
            <View className="muted">开具时间：{formatTime(d.issuedAt)}（可截图打印或转发）</View>
          </View>
        )}
      </StateView>
    </Page>
  );
}
