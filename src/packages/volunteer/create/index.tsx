import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beijingIso, beijingText, TimeField } from '../../../components/TimeField';
import { call } from '../../../services/client';
import '../shared/volunteer.scss';
import { Page } from '../../../components/Page';

export default function CreateActivity() {
  const base = Math.ceil(Date.now() / 1800_000) * 1800_000 + 86_400_000;
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState(beijingText(base));
  const [endsAt, setEndsAt] = useState(beijingText(base + 2 * 3600_000));
  const [slots, setSlots] = useState('10');
  const [skills, setSkills] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const start = beijingIso(startsAt);
    const end = beijingIso(endsAt);
    if (!start || !end) {
      void Taro.showToast({ title: '请选择开始和结束时间', icon: 'none' });
      return;
    }
    if (Date.parse(start) <= Date.now()) {
      void Taro.showToast({ title: '开始时间已过，请选择以后的时间', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const created = await call('timebank', 'activity.create', {
        title,
        place,
        description,
        startsAt: start,
        endsAt: end,
        slots: Number(slots) || 1,
        skills: skills
          .split(/[,，、\s]+/)
          .filter(Boolean)
          .slice(0, 10),
      });
      void Taro.showToast({ title: '已发布', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/volunteer/activity/index?id=${created.id}` });
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page>
      <View className="vt-card" data-testid="activity-form">
        <View className="vt-label">活动名称</View>
        <Input className="vt-input" value={title} maxLength={40} onChange={setTitle} placeholder="如：楼道清洁日" />
        <View className="vt-label">地点</View>
        <Input className="vt-input" value={place} maxLength={60} onChange={setPlace} placeholder="集合地点" />
        <View className="vt-label">开始时间（北京时间）</View>
        <TimeField title="开始时间" value={startsAt} onChange={setStartsAt} notBefore={Date.now()} testId="starts-at" />
        <View className="vt-label">结束时间</View>
        <TimeField title="结束时间" value={endsAt} onChange={setEndsAt} notBefore={Date.now()} testId="ends-at" />
        <View className="vt-label">名额</View>
        <Input className="vt-input" type="digit" value={slots} onChange={setSlots} />
        <View className="vt-label">需要的技能（可不填，用顿号分隔）</View>
        <Input className="vt-input" value={skills} onChange={setSkills} />
        <View className="vt-label">活动说明</View>
        <TextArea value={description} maxLength={1000} onChange={setDescription} />
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
