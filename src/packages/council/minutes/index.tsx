import { Button, Input, Tag, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice, toOptions } from '../shared/Choice';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { WhyDisabled, whyNot } from '../../../components/ui';

interface Draft {
  category?: OutcomeCategory;
  decision: string;
  topicIds: string[];
  reportIds: string;
}

type Topic = ActionOutput<'deliberation', 'topic.list'>['items'][number];

/** One agenda item's outcome: its category, what was decided, the topics and reports it answers. */
function OutcomeCard(props: {
  index: number;
  item: { id: string; title: string };
  draft: Draft;
  topics: Topic[];
  onPatch: (change: Partial<Draft>) => void;
}) {
  const { item: a, draft: d, topics, onPatch } = props;
  return (
    <View className="card" data-testid={`minutes-agenda-${a.id}`}>
      <View className="card-title">
        议程 {props.index + 1}：{a.title}
      </View>
      <View className="council-label">结果分类</View>
      <Choice
        options={toOptions(OUTCOME_CATEGORIES)}
        value={d.category}
        onChange={(category) => onPatch({ category })}
      />
      <View className="council-field" data-testid="minutes-decision">
        <View className="council-label">议定结果</View>
        <TextArea
          className="council-input"
          value={d.decision}
          maxLength={500}
          rows={3}
          placeholder="会议就此议程议定的事项"
          onChange={(decision) => onPatch({ decision })}
        />
      </View>
      {topics.length > 0 && (
        <>
          <View className="council-label">关联居民议题（点选）</View>
          <View className="council-tags">
            {topics.map((t) => {
              const on = d.topicIds.includes(t.id);
              return (
                <View
                  key={t.id}
                  onClick={() =>
                    onPatch({ topicIds: on ? d.topicIds.filter((x) => x !== t.id) : [...d.topicIds, t.id] })
                  }
                >
                  <Tag type={on ? 'primary' : 'default'} plain={!on}>
                    {t.title}
                  </Tag>
                </View>
              );
            })}
          </View>
        </>
      )}
      <View className="council-field">
        <View className="council-label">关联随手拍编号（选填，逗号分隔）</View>
        <Input
          className="council-input"
          value={d.reportIds}
          maxLength={400}
          onChange={(reportIds) => onPatch({ reportIds })}
        />
      </View>
    </View>
  );
}

/** Attendance and one outcome per agenda item; recorded once, it closes the meeting. */
export default function RecordMinutes() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(async () => {
    const [meeting, topics] = await Promise.all([
      call('deliberation', 'meeting.get', { meetingId: id }),
      call('deliberation', 'topic.list', { sort: 'support', limit: 20 }),
    ]);
    return { meeting, topics: topics.items };
  }, [id]);
  const [attendees, setAttendees] = useState('');
  const [summary, setSummary] = useState('');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [busy, setBusy] = useState(false);
  const draftOf = (agendaId: string): Draft => drafts[agendaId] ?? { decision: '', topicIds: [], reportIds: '' };
  const patch = (agendaId: string, change: Partial<Draft>) =>
    setDrafts((all) => ({ ...all, [agendaId]: { ...draftOf(agendaId), ...change } }));

  const outcomes = Object.entries(drafts)
    .filter(([, d]) => d.category && d.decision.trim().length >= 2)
    .map(([agendaItemId, d]) => ({
      agendaItemId,
      category: d.category as OutcomeCategory,
      decision: d.decision.trim(),
      linkedTopicIds: d.topicIds,
      linkedReportIds: d.reportIds
        .split(/[,，\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    }));
  const why = whyNot([
    [/^\d+$/.test(attendees), '请填写到会人数（数字）'],
    [outcomes.length > 0, '请至少为一项议程选择结果并写明决定'],
  ]);
  const valid = why === '';

  const submit = () =>
    confirmThen({ title: '提交纪要', content: '纪要提交后会议即为已召开，不能再修改。确定提交吗？' }, async () => {
      setBusy(true);
      const ok = await act(
        () =>
          call('deliberation', 'meeting.recordMinutes', {
            meetingId: id,
            attendeeCount: Number(attendees),
            summary: summary.trim(),
            outcomes,
          }),
        '纪要已记录',
      );
      setBusy(false);
      if (ok) setTimeout(() => void Taro.navigateBack(), 600);
    });

  return (
    <Page>
      <StateView remote={remote}>
        {({ meeting, topics }) => (
          <>
            <View className="card">
              <View className="card-title">{meeting.title}</View>
              <View className="muted">
                扫码签到 {meeting.checkedInCount} 人，报名 {meeting.registeredCount} 人
              </View>
              <View className="council-field" data-testid="minutes-attendee-count">
                <View className="council-label">实到人数</View>
                <Input
                  className="council-input"
                  type="number"
                  value={attendees}
                  maxLength={6}
                  placeholder="现场清点的实到人数"
                  onChange={(v) => setAttendees(v.replace(/\D/g, ''))}
                />
              </View>
              <View className="council-field">
                <View className="council-label">会议概况（选填）</View>
                <TextArea className="council-input" value={summary} maxLength={2000} rows={3} onChange={setSummary} />
              </View>
            </View>
            {meeting.agenda.map((a, i) => (
              <OutcomeCard
                key={a.id}
                index={i}
                item={a}
                draft={draftOf(a.id)}
                topics={topics}
                onPatch={(change) => patch(a.id, change)}
              />
            ))}
            <View className="council-actions" data-testid="minutes-submit">
              <Button type="primary" block loading={busy} disabled={!valid} onClick={submit}>
                提交纪要
              </Button>
              <WhyDisabled reason={why} />
            </View>
          </>
        )}
      </StateView>
    </Page>
  );
}
