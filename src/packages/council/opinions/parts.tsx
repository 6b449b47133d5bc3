import { Button, Tag, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { OPINION_TARGET_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Speaker } from '../../../components/Speaker';
import { TextLink } from '../../../components/TextLink';
import type { Remote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { AnswerBox } from '../shared/AnswerBox';
import { act, confirmThen } from '../shared/act';
import { formatDateTime } from '../shared/format';

type Opinion = ActionOutput<'deliberation', 'opinion.list'>['items'][number];
export type Target = { kind: 'meeting' | 'procedure' | 'disclosure'; id: string; title: string };

/** 待答复 / 已答复 counts of the community. */
export function OpinionStats({ stats }: { stats: Remote<ActionOutput<'deliberation', 'opinion.stats'>> }) {
  return (
    <View className="card" data-testid="opinion-stats">
      <View className="card-title">本社区监督意见</View>
      {stats.data ? (
        <View className="council-line">
          待答复 <Text style={{ color: '#e02020', fontWeight: 600 }}>{stats.data.open}</Text> 条，已答复{' '}
          {stats.data.answered} 条
        </View>
      ) : (
        <View className="muted">{stats.error?.message ?? '加载中…'}</View>
      )}
    </View>
  );
}

/** A 乡贤 files an opinion on the meeting, procedure or disclosure the page was opened from. */
export function OpinionForm({ target, onFiled }: { target: Target; onFiled: () => Promise<void> }) {
  const [body, setBody] = useState('');
  const file = () =>
    confirmThen({ title: '提交监督意见', content: '意见提交后社区须逐条答复。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'opinion.file', { targetKind: target.kind, targetId: target.id, body: body.trim() }),
        '已提交',
      );
      if (!ok) return;
      setBody('');
      await onFiled();
    });
  return (
    <View className="card" data-testid="opinion-form">
      <View className="card-title">
        对{OPINION_TARGET_LABELS[target.kind]}「{target.title}」提出意见
      </View>
      <TextArea
        className="council-input"
        value={body}
        rows={4}
        maxLength={1000}
        placeholder="请写明发现的问题和建议（至少 4 个字）"
        onChange={setBody}
      />
      <View className="council-actions">
        <Button type="primary" block disabled={body.trim().length < 4} onClick={file}>
          提交意见
        </Button>
      </View>
    </View>
  );
}

function OpinionTags({ o }: { o: Opinion }) {
  return (
    <View className="council-tags">
      <Tag type={o.status === 'open' ? 'warning' : 'success'}>{o.status === 'open' ? '待答复' : '已答复'}</Tag>
      <Speaker name={o.authorName} role={o.authorRole} />
      <Tag plain>{formatDateTime(o.createdAt)}</Tag>
      {o.status === 'open' && (
        <View data-testid="opinion-deadline" data-overdue={o.overdue ? '1' : '0'}>
          <Tag type={o.overdue ? 'danger' : 'default'} plain={!o.overdue}>
            {`${o.overdue ? '已超期 · ' : ''}答复期限 ${formatDateTime(o.answerBy)}`}
          </Tag>
        </View>
      )}
    </View>
  );
}

const targetUrl = (o: Opinion) =>
  o.targetKind === 'meeting'
    ? `/packages/council/meeting/index?id=${o.targetId}`
    : `/packages/council/${o.targetKind}/index?id=${o.targetId}`;

/** One opinion: its target, text, deadline, the answer; staff answer an open one in place. */
export function OpinionItem(props: {
  o: Opinion;
  canAnswer: boolean;
  answering: boolean;
  onAnswering: () => void;
  onAnswered: () => Promise<void>;
}) {
  const { o } = props;
  const [answer, setAnswer] = useState('');
  const reply = () =>
    confirmThen({ title: '答复意见', content: '答复后将通知乡贤监督员，且不能修改。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'opinion.answer', { opinionId: o.id, answer: answer.trim() }),
        '已答复',
      );
      if (!ok) return;
      setAnswer('');
      await props.onAnswered();
    });
  return (
    <View className="council-item" data-testid="opinion-item">
      <View className="council-item-title">
        <Text>
          {OPINION_TARGET_LABELS[o.targetKind]}：{o.targetTitle}
        </Text>
      </View>
      <View className="council-body">{o.body}</View>
      <OpinionTags o={o} />
      {o.answer && (
        <View className="council-outcome">
          <View className="council-line">
            <Speaker name={o.answer.answeredByName} role={o.answer.answeredByRole} /> 答复（
            {formatDateTime(o.answer.answeredAt)}）：
          </View>
          <View className="council-body">{o.answer.body}</View>
        </View>
      )}
      {props.canAnswer && o.status === 'open' && (
        <View className="council-actions">
          <AnswerBox
            open={props.answering}
            onOpen={props.onAnswering}
            value={answer}
            onChange={setAnswer}
            maxLength={1000}
            placeholder="答复内容（至少 4 个字）"
            onSubmit={reply}
          />
        </View>
      )}
      <TextLink onClick={() => void Taro.navigateTo({ url: targetUrl(o) })}>查看监督对象 ›</TextLink>
    </View>
  );
}
