import { Button, Checkbox, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { act } from '../../../components/ui';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { hoursText, skillList, starsText } from '../shared/format';
import { NavButtons, usePullRefresh } from '../shared/parts';
import type { Tb } from '../shared/types';
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
    const list = skillList(skills);
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
      <Field label="真实姓名" classPrefix="vt">
        <Input className="vt-input" value={realName} maxLength={20} onChange={setRealName} placeholder="用于时长证明" />
      </Field>
      <Field label="技能特长（用顿号分隔）" classPrefix="vt">
        <Input className="vt-input" value={skills} onChange={setSkills} placeholder="如：理发、家电维修、陪伴聊天" />
      </Field>
      <Field label="可服务时间" classPrefix="vt">
        <TextArea value={availability} maxLength={100} onChange={setAvailability} placeholder="如：周末上午" />
      </Field>
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

type Me = Tb<'volunteer.me'>;

const LINKS = [
  { label: '时长证明', url: '/packages/volunteer/certificate/index' },
  { label: '我的报名', url: '/packages/volunteer/mine/index' },
  { label: '积分兑换服务', url: '/packages/volunteer/services/index' },
  { label: '志愿活动', url: '/packages/volunteer/activities/index' },
];

/** How far the volunteer is from the next star, or that they have the highest. */
function StarProgress({ star }: { star: NonNullable<Me['profile']>['star'] }) {
  if (star.nextStarHours === null || star.minutesToNext === null) return <View className="muted">已达最高星级</View>;
  return (
    <>
      <View className="muted" data-testid="volunteer-next">
        距 {star.stars + 1} 星（{star.nextStarHours} 小时）还差 {hoursText(star.minutesToNext)}
      </View>
      <View className="vt-bar" data-testid="volunteer-progress">
        <View className="vt-bar-fill" style={{ width: `${star.percent}%` }} />
      </View>
    </>
  );
}

/** The volunteer's card: name, stars, hours, points, the way to the next star, the rule. */
function VolunteerCard({ d, p }: { d: Me; p: NonNullable<Me['profile']> }) {
  return (
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
      <StarProgress star={p.star} />
      {d.rule && (
        <View className="muted">
          积分规则：每 {d.rule.minutesPerPoint} 分钟 1 积分；星级门槛 {d.rule.starHours.join(' / ')} 小时
        </View>
      )}
    </View>
  );
}

export default function VolunteerMe() {
  const remote = useRemote(() => call('timebank', 'volunteer.me', {}));
  useReloadOnShow(remote.reload);
  usePullRefresh(remote.reload);
  return (
    <Page>
      <StateView remote={remote}>
        {(d) =>
          d.profile ? (
            <>
              <VolunteerCard d={d} p={d.profile} />
              <NavButtons links={LINKS} />
            </>
          ) : (
            <Register onDone={() => void remote.reload()} />
          )
        }
      </StateView>
    </Page>
  );
}
