import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isSatisfied, RATING_LEVELS } from '../../../../cloudfunctions/_core/domain/reports/case';

/** 「好差评」 five levels (the domain's scale); the two lowest send the case back. */
export function RateCard({ busy, onRate }: { busy: boolean; onRate: (score: number, comment: string) => void }) {
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const low = score !== undefined && !isSatisfied(score);
  const submit = () => {
    if (score === undefined) return void Taro.showToast({ title: '请选择满意程度', icon: 'none' });
    if (low && comment.trim().length < 2) {
      return void Taro.showToast({ title: '请说明不满意的原因，便于网格员重新办理', icon: 'none' });
    }
    onRate(score, comment.trim());
  };
  return (
    <View className="card" data-testid="report-rate">
      <View className="card-title">请评价办理结果</View>
      <View className="rate-levels" role="radiogroup" aria-label="满意程度">
        {RATING_LEVELS.map((level) => (
          <View
            key={level.score}
            className={`chip rate-level ${score === level.score ? 'chip-active' : ''} ${isSatisfied(level.score) ? '' : 'rate-low'}`}
            role="radio"
            aria-checked={score === level.score}
            data-testid={`rate-${level.score}`}
            onClick={() => setScore(level.score)}
          >
            {level.label}
          </View>
        ))}
      </View>
      <View className="field" data-testid="rate-comment">
        <Input
          value={comment}
          onChange={setComment}
          maxLength={200}
          placeholder={low ? '请说明不满意的原因（必填）' : '说说您的看法（可选）'}
        />
      </View>
      {low && <Text className="muted">选择「不满意」或「非常不满意」，事项将退回网格员重新办理。</Text>}
      <View className="action-row" data-testid="rate-submit">
        <Button type="primary" block loading={busy} disabled={score === undefined} onClick={submit}>
          提交评价
        </Button>
      </View>
    </View>
  );
}
