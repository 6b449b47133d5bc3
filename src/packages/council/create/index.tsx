import { Button, Dialog, Input, TextArea } from '@nutui/nutui-react-taro';
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
import { cstDate, toIso } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';

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
  const valid = title.trim().length >= 2 && place.trim().length > 0 && items.length > 0 && end > start;

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
        <View className="council-field" data-testid="meeting-title">
          <View className="council-label">会议主题</View>
          <Input
            className="council-input"
            value={title}
            maxLength={60}
            placeholder="例如：楼道堆物清理议事"
            onChange={setTitle}
          />
        </View>
        <View className="council-field" data-testid="meeting-place">
          <View className="council-label">地点</View>
          <Input
            className="council-input"
            value={place}
            maxLength={100}
            placeholder="例如：社区议事厅"
            onChange={setPlace}
          />
        </View>
        <View className="council-field">
          <View className="council-label">日期和时间</View>
          <Picker mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
            <View className="council-input council-line" style={{ padding: '10px 12px' }}>
              日期：{date}
            </View>
          </Picker>
          <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
            <View className="council-input council-line" style={{ padding: '10px 12px', marginTop: '6px' }}>
              开始：{start}
            </View>
          </Picker>
          <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
            <View className="council-input council-line" style={{ padding: '10px 12px', marginTop: '6px' }}>
              结束：{end}
            </View>
          </Picker>
        </View>
        <View className="council-field" data-testid="meeting-agenda">
          <View className="council-label">议程（每行一项）</View>
          <TextArea
            className="council-input"
            value={agenda}
            maxLength={1000}
            rows={4}
            placeholder={'例如：\n费用分摊方案\n施工期间出行安排'}
            onChange={setAgenda}
          />
        </View>
        <View className="council-label">参会对象</View>
        <Choice options={toOptions(AUDIENCES, AUDIENCE_LABELS)} value={audience} onChange={setAudience} />
        <View className="council-field" data-testid="meeting-limit">
          <View className="council-label">报名名额（不填为不限）</View>
          <Input
            className="council-input"
            type="number"
            value={limit}
            maxLength={5}
            placeholder="不限"
            onChange={(v) => setLimit(v.replace(/\D/g, ''))}
          />
        </View>
        <View className="council-field">
          <View className="council-label">说明（选填）</View>
          <TextArea className="council-input" value={description} maxLength={2000} rows={3} onChange={setDescription} />
        </View>
        <View className="council-actions">
          <View data-testid="save-publish">
            <Button
              type="primary"
              block
              loading={busy}
              disabled={!valid}
              onClick={() =>
                confirmThen('create', '发布会议', '发布后居民即可看到公告并报名，确定发布吗？', () => save(true))
              }
            >
              保存并发布
            </Button>
          </View>
          <View data-testid="save-draft">
            <Button block loading={busy} disabled={!valid} onClick={() => void save(false)}>
              保存草稿
            </Button>
          </View>
        </View>
      </View>
      <Dialog id="create" />
    </Page>
  );
}
