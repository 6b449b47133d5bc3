import { Button, Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { confirm } from '../../../components/confirm';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import type { Tb } from '../shared/types';

const STAR_LABELS = ['1 星', '2 星', '3 星', '4 星', '5 星'];

export const isCount = (v: string) => /^\d{1,6}$/.test(v.trim()) && Number(v) >= 1;

/** Why the typed rule cannot be published, or null when it can. */
function ruleProblem(perPoint: string, stars: string[]): string | null {
  if (!isCount(perPoint) || stars.some((s) => !isCount(s))) return '请填写正整数';
  const hours = stars.map(Number);
  if (hours.some((h, i) => i > 0 && h <= (hours[i - 1] as number))) return '星级门槛须逐级递增';
  return null;
}

/** The community's points rule and star thresholds, published after a confirmation. */
export function RuleForm(props: { rule: Tb<'rule.get'>; onSaved: () => Promise<void> }) {
  const { rule } = props;
  const [perPoint, setPerPoint] = useState('');
  const [stars, setStars] = useState<string[]>(['', '', '', '', '']);
  useEffect(() => {
    setPerPoint(String(rule.minutesPerPoint));
    setStars(rule.starHours.map(String));
  }, [rule]);
  const save = async () => {
    const problem = ruleProblem(perPoint, stars);
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    const ok = await confirm({
      title: '公布积分规则',
      content: `每 ${perPoint} 分钟 1 积分；星级门槛 ${stars.join(' / ')} 小时。确定公布吗？`,
      confirmText: '确定公布',
    });
    if (!ok) return;
    const payload = { minutesPerPoint: Number(perPoint), starHours: stars.map(Number) };
    if (await act(() => call('timebank', 'rule.save', payload), '规则已公布')) await props.onSaved();
  };
  return (
    <View className="vt-card" data-testid="rule-form">
      <View className="vt-title">积分规则</View>
      <Field label="每多少分钟志愿服务计 1 时间积分" testId="rule-minutes" classPrefix="vt">
        <Input className="vt-input" type="digit" value={perPoint} onChange={setPerPoint} placeholder="如 30" />
      </Field>
      <View className="vt-label">星级认定门槛（累计小时，逐级递增）</View>
      {STAR_LABELS.map((label, i) => (
        <View key={label} className="vt-row" data-testid={`rule-star-${i + 1}`}>
          <View className="vt-row-label">{label}</View>
          <Input
            className="vt-input"
            type="digit"
            value={stars[i] ?? ''}
            onChange={(v) => setStars(stars.map((s, j) => (j === i ? v : s)))}
          />
        </View>
      ))}
      <View className="muted">修改后立即对本社区所有志愿者生效，已记入的积分不变。</View>
      <View className="vt-actions" data-testid="rule-save">
        <Button type="primary" onClick={() => void save()}>
          保存并公布
        </Button>
      </View>
    </View>
  );
}
