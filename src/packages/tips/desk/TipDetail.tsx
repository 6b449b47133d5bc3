import { Image } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { GradeStep, PayoutStep, ReviewStep } from './steps';

export type Tip = ActionOutput<'tips', 'detail'>;

/** What the officer reads: who sent it (or 匿名), where, the text and the photos. */
function TipFacts({ tip }: { tip: Tip }) {
  return (
    <>
      <Text className="muted">本次查看已记录。</Text>
      <View className="facts">
        <Text>举报人：{tip.tipster ? `${tip.tipster.nickname} ${tip.tipster.phone ?? ''}` : '匿名'}</Text>
        {tip.place ? <Text>地点：{tip.place}</Text> : null}
      </View>
      <View className="field">
        <Text>{tip.content}</Text>
      </View>
      <View className="photos">
        {tip.photos.map((id) => (
          <View key={id} className="photo">
            <Image src={tip.photoUrls[id] ?? ''} width="100%" height="100%" mode="aspectFill" lazyLoad />
          </View>
        ))}
      </View>
      {tip.returnedReason && tip.status === 'received' && (
        <Text className="missing">退回理由：{tip.returnedReason}</Text>
      )}
    </>
  );
}

/** One tip opened by an officer (the read is logged server-side), with the step its status allows. */
export function TipDetail({ tipId, onChanged }: { tipId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('tips', 'detail', { tipId }), [tipId]);
  const done = () => {
    void detail.reload();
    onChanged();
  };
  return (
    <StateView remote={detail}>
      {(tip) => (
        <View data-testid="tip-detail">
          <TipFacts tip={tip} />
          {tip.status === 'received' && <GradeStep tip={tip} tipId={tipId} onDone={done} />}
          {tip.status === 'graded' && <ReviewStep tip={tip} tipId={tipId} onDone={done} />}
          {tip.status === 'rewarded' && <PayoutStep tip={tip} tipId={tipId} onDone={done} />}
        </View>
      )}
    </StateView>
  );
}
