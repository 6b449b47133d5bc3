import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { Page } from '../../../components/Page';
import { beijingIso, beijingText, TimeField } from '../../../components/TimeField';
import { call } from '../../../services/client';
import { skillList } from '../shared/format';
import '../shared/volunteer.scss';

interface Draft {
  title: string;
  place: string;
  description: string;
  startsAt: string;
  endsAt: string;
  slots: string;
  skills: string;
}

/**
 * A new activity starts tomorrow at 09:00 Beijing time and lasts two hours: the next half hour a day
 * on proposed 02:30 at night to an organiser working late.
 */
function freshDraft(): Draft {
  const day = 86_400_000;
  const beijingMidnight = Math.floor((Date.now() + 8 * 3600_000) / day) * day - 8 * 3600_000;
  const base = beijingMidnight + day + 9 * 3600_000;
  return {
    title: '',
    place: '',
    description: '',
    startsAt: beijingText(base),
    endsAt: beijingText(base + 2 * 3600_000),
    slots: '10',
    skills: '',
  };
}

/** Publishes the draft and opens the new activity; the times are checked here first, the rest by the server. */
async function publish(d: Draft): Promise<void> {
  const start = beijingIso(d.startsAt);
  const end = beijingIso(d.endsAt);
  if (!start || !end) {
    void Taro.showToast({ title: '请选择开始和结束时间', icon: 'none' });
    return;
  }
  if (Date.parse(start) <= Date.now()) {
    void Taro.showToast({ title: '开始时间已过，请选择以后的时间', icon: 'none' });
    return;
  }
  try {
    const created = await call('timebank', 'activity.create', {
      title: d.title,
      place: d.place,
      description: d.description,
      startsAt: start,
      endsAt: end,
      slots: Number(d.slots) || 1,
      skills: skillList(d.skills),
    });
    void Taro.showToast({ title: '已发布', icon: 'success' });
    void Taro.redirectTo({ url: `/packages/volunteer/activity/index?id=${created.id}` });
  } catch (error) {
    void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
  }
}

export default function CreateActivity() {
  const [d, setDraft] = useState(freshDraft);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((draft) => ({ ...draft, [key]: value }));
  const submit = async () => {
    setBusy(true);
    await publish(d).finally(() => setBusy(false));
  };
  return (
    <Page>
      <View className="vt-card" data-testid="activity-form">
        <Field label="活动名称" classPrefix="vt">
          <Input
            className="vt-input"
            value={d.title}
            maxLength={40}
            onChange={set('title')}
            placeholder="如：楼道清洁日"
          />
        </Field>
        <Field label="地点" classPrefix="vt">
          <Input className="vt-input" value={d.place} maxLength={60} onChange={set('place')} placeholder="集合地点" />
        </Field>
        <Field label="开始时间（北京时间）" classPrefix="vt">
          <TimeField
            title="开始时间"
            value={d.startsAt}
            onChange={set('startsAt')}
            notBefore={Date.now()}
            testId="starts-at"
          />
        </Field>
        <Field label="结束时间" classPrefix="vt">
          <TimeField
            title="结束时间"
            value={d.endsAt}
            onChange={set('endsAt')}
            notBefore={Date.now()}
            testId="ends-at"
          />
        </Field>
        <Field label="名额" classPrefix="vt">
          <Input className="vt-input" type="digit" value={d.slots} onChange={set('slots')} />
        </Field>
        <Field label="需要的技能（可不填，用顿号分隔）" classPrefix="vt">
          <Input className="vt-input" value={d.skills} onChange={set('skills')} />
        </Field>
        <Field label="活动说明" classPrefix="vt">
          <TextArea value={d.description} maxLength={1000} onChange={set('description')} />
        </Field>
        <View className="muted">仅社区工作者和已认证的志愿者可以发布；完成活动按时长计入时间积分。</View>
        <View className="vt-actions">
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            发布活动
          </Button>
        </View>
      </View>
    </Page>
  );
}
