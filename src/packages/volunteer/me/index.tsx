import { Button, Checkbox, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../../components/StateView';
import { act, go } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { hoursText, starsText } from '../shared/format';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

function Register({ onDone }: { onDone: () => void }) {
  const [realName, setRealName] = useState('');
  const [skills, setSkills] = useState('');
  const [availability, setAvailability] = useState('');
  const [consent, setConsent] = useState(false);
  const submit = async () => {
    if (!consent) {
      void Taro.showToast({ title: '请先阅读并同意', icon: 'none' });
      return;
    }
    const list = skills
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 10);
    if (
      await act(
        () => call('timebank', 'volunteer.register', { realName, skills: list, availability, consent: true }),
        '登记成功，待社区认证',
      )
    )
      onDone();
  };
  return (
    <View className="vt-card" data-testid="volunteer-register">
      <View className="vt-title">登记成为志愿者</View>
      <View className="vt-label">真实姓名</View>
      <Input className="vt-input" value={realName} maxLength={20} onChange={setRealName} placeholder="用于时长证明" />
      <View className="vt-label">技能特长（用顿号分隔）</View>
      <Input className="vt-input" value={skills} onChange={setSkills} placeholder="如：理发、家电维修、陪伴聊天" />
      <View className="vt-label">可服务时间</View>
      <TextArea value={availability} maxLength={100} onChange={setAvailability} placeholder="如：周末上午" />
      <View className="vt-label">
        <Checkbox checked={consent} onChange={setConsent} label="同意社区工作者查看我的实名信息并记录志愿时长" />
      </View>
      <View className="vt-actions">
        <Button type="primary" onClick={() => void submit()}>
          提交登记
        </Button>
      </View>
    </View>
  );
}

export default function VolunteerMe() {
  const remote = useRemote(() => call('timebank', 'volunteer.me', {}));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void remote.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => {
          const p = d.profile;
          if (!p) return <Register onDone={() => void remote.reload()} />;
          return (
            <>
              <View className="vt-card" data-testid="volunteer-card">
                <View className="vt-title">
                  {p.realName}
                  <View className="muted">{p.statusLabel}</View>
                </View>
                <View className="vt-stars" data-testid="volunteer-stars" data-stars={p.star.stars}>
                  {starsText(p.star.stars)}
                </View>
                <View className="vt-stats">
                  <View className="vt-stat">
                    <View className="vt-stat-value" data-testid="volunteer-hours">
                      {p.hours}
                    </View>
                    <View className="vt-stat-label">累计小时</View>
                  </View>
                  <View className="vt-stat">
                    <View className="vt-stat-value" data-testid="volunteer-points">
                      {d.points.available}
                    </View>
                    <View className="vt-stat-label">可用积分</View>
                  </View>
                  <View className="vt-stat">
                    <View className="vt-stat-value">{p.activityCount}</View>
                    <View className="vt-stat-label">服务次数</View>
                  </View>
                </View>
                <View className="muted">累计 {hoursText(p.confirmedMinutes)}</View>
                {p.star.nextStarHours !== null && p.star.minutesToNext !== null ? (
                  <>
                    <View className="muted" data-testid="volunteer-next">
                      距 {p.star.stars + 1} 星（{p.star.nextStarHours} 小时）还差 {hoursText(p.star.minutesToNext)}
                    </View>
                    <View className="vt-bar" data-testid="volunteer-progress">
                      <View className="vt-bar-fill" style={{ width: `${p.star.percent}%` }} />
                    </View>
                  </>
                ) : (
                  <View className="muted">已达最高星级</View>
                )}
                {d.rule && (
                  <View className="muted">
                    积分规则：每 {d.rule.minutesPerPoint} 分钟 1 积分；星级门槛 {d.rule.starHours.join(' / ')} 小时
                  </View>
                )}
              </View>
              <View className="vt-links">
                <Button fill="outline" onClick={() => go('/packages/volunteer/certificate/index')}>
                  时长证明
                </Button>
                <Button fill="outline" onClick={() => go('/packages/volunteer/mine/index')}>
                  我的报名
                </Button>
                <Button fill="outline" onClick={() => go('/packages/volunteer/services/index')}>
                  积分兑换服务
                </Button>
                <Button fill="outline" onClick={() => go('/packages/volunteer/activities/index')}>
                  志愿活动
                </Button>
              </View>
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
