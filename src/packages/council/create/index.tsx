import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  type Audience,
  MEETING_FORMATS,
  type MeetingFormat,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice, toOptions } from '../shared/Choice';
import { Field } from '../shared/Field';
import { cstDate, toIso } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { formatPicked, WhyDisabled, whyNot } from '../../../components/ui';

/** One date or time picker shown as a line "日期：2026-01-05"; the lines after the first keep a gap. */
function PickerLine(props: {
  mode: 'date' | 'time';
  value: string;
  label: string;
  onChange: (v: string) => void;
  first?: boolean;
}) {
  return (
    <Picker mode={props.mode} value={props.value} onChange={(e) => props.onChange(String(e.detail.value))}>
      <View
        className="council-input council-line"
        style={props.first ? { padding: '10px 12px' } : { padding: '10px 12px', marginTop: '6px' }}
      >
        {props.label}：{props.mode === 'date' ? formatPicked(props.value) : props.value}
      </View>
    </Picker>
  );
}

/** Publish (confirmed first: residents see it at once) or keep a draft. */
function SaveButtons(props: { busy: boolean; why: string; onSave: (publish: boolean) => Promise<void> }) {
  const { busy, why, onSave } = props;
  const valid = why === '';
  return (
    <View className="council-actions">
      <View data-testid="save-publish">
        <Button
          type="primary"
          block
          loading={busy}
          disabled={!valid}
          onClick={() =>
            confirmThen({ title: '发布会议', content: '发布后居民即可看到公告并报名，确定发布吗？' }, () =>
              onSave(true),
            )
          }
        >
          保存并发布
        </Button>
      </View>
      <View data-testid="save-draft">
        <Button block loading={busy} disabled={!valid} onClick={() => void onSave(false)}>
          保存草稿
        </Button>
      </View>
      <WhyDisabled reason={why} />
    </View>
  );
}

const tomorrow = () => cstDate(new Date(Date.now() + 24 * 3600 * 1000));

export default function CreateMeeting() {
  const [format, setFormat] = useState<MeetingFormat>('议事会');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(tomorrow());
  const [start, setStart] = useState('19:00');
  const [end, setEnd] = useState('21:00');
  const [agenda, setAgenda] = useState('');
  const [audience, setAudience] = useState<Audience>('all');
  const [limit, setLimit] = useState('');
  const [busy, setBusy] = useState(false);

  const items = agenda
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const why = whyNot([
    [title.trim().length >= 2, '会议主题至少 2 个字'],
    [place.trim().length > 0, '请填写会议地点'],
    [items.length > 0, '请至少写一项议程'],
    [end > start, '结束时间须晚于开始时间'],
  ]);

  const save = async (publish: boolean) => {
    setBusy(true);
    let createdId: string | undefined;
    const ok = await act(
      async () => {
        const created = await call('deliberation', 'meeting.create', {
          format,
          title: title.trim(),
          description: description.trim(),
          place: place.trim(),
          startsAt: toIso(date, start),
          endsAt: toIso(date, end),
          agenda: items,
          audience,
          registrationLimit: limit ? Number(limit) : null,
        });
        createdId = created.id;
        if (publish) await call('deliberation', 'meeting.publish', { meetingId: created.id });
      },
      publish ? '已发布' : '已保存草稿',
    );
    setBusy(false);
    if (ok && createdId) void Taro.redirectTo({ url: `/packages/council/meeting/index?id=${createdId}` });
  };

  return (
    <Page>
      <View className="card">
        <View className="council-label">会议形式</View>
        <Choice options={toOptions(MEETING_FORMATS)} value={format} onChange={setFormat} testId="meeting-format" />
        <Field label="会议主题" testId="meeting-title">
          <Input
            className="council-input"
            value={title}
            maxLength={60}
            placeholder="例如：楼道堆物清理议事"
            onChange={setTitle}
          />
        </Field>
        <Field label="地点" testId="meeting-place">
          <Input
            className="council-input"
            value={place}
            maxLength={100}
            placeholder="例如：社区议事厅"
            onChange={setPlace}
          />
        </Field>
        <Field label="日期和时间">
          <PickerLine mode="date" value={date} label="日期" onChange={setDate} first />
          <PickerLine mode="time" value={start} label="开始" onChange={setStart} />
          <PickerLine mode="time" value={end} label="结束" onChange={setEnd} />
        </Field>
        <Field label="议程（每行一项）" testId="meeting-agenda">
          <TextArea
            className="council-input"
            value={agenda}
            maxLength={1000}
            rows={4}
            placeholder={'例如：\n费用分摊方案\n施工期间出行安排'}
            onChange={setAgenda}
          />
        </Field>
        <View className="council-label">参会对象</View>
        <Choice options={toOptions(AUDIENCES, AUDIENCE_LABELS)} value={audience} onChange={setAudience} />
        <Field label="报名名额（不填为不限）" testId="meeting-limit">
          <Input
            className="council-input"
            type="number"
            value={limit}
            maxLength={5}
            placeholder="不限"
            onChange={(v) => setLimit(v.replace(/\D/g, ''))}
          />
        </Field>
        <Field label="说明（选填）">
          <TextArea className="council-input" value={description} maxLength={2000} rows={3} onChange={setDescription} />
        </Field>
        <SaveButtons busy={busy} why={why} onSave={save} />
      </View>
    </Page>
  );
}
