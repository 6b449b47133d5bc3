import { Button, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { TOPIC_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { AnswerBox } from '../shared/AnswerBox';
import { act, confirmThen } from '../shared/act';
import { Choice } from '../shared/Choice';
import { formatDate } from '../shared/format';
import { useCouncilRoles } from '../shared/roles';
import '../shared/council.scss';
import { Page } from '../../../components/Page';

type Scope = 'community' | 'mine';
type Answer = 'accepted' | 'rejected' | 'under_study';
const SCOPES: Array<{ value: Scope; label: string }> = [
  { value: 'community', label: '社区议题' },
  { value: 'mine', label: '我提出的' },
];
const ANSWERS: Array<{ value: Answer; label: string }> = [
  { value: 'accepted', label: '采纳' },
  { value: 'under_study', label: '研究中' },
  { value: 'rejected', label: '不采纳' },
];

type Topic = ActionOutput<'deliberation', 'topic.list'>['items'][number];

/** Staff answer an open topic: 采纳 / 研究中 / 不采纳 with a reason the proposer is told. */
function TopicAnswer({ t, answering, onAnswering, onAnswered }: TopicActionsProps) {
  const [answer, setAnswer] = useState<Answer>('accepted');
  const [reason, setReason] = useState('');
  const submitAnswer = () =>
    confirmThen({ title: '答复议题', content: '答复会通知提出人，采纳或不采纳后不能更改。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'topic.answer', { topicId: t.id, status: answer, reason: reason.trim() }),
        '已答复',
      );
      if (!ok) return;
      setReason('');
      await onAnswered();
    });
  return (
    <View className="council-actions">
      <AnswerBox
        open={answering}
        onOpen={onAnswering}
        value={reason}
        onChange={setReason}
        maxLength={500}
        placeholder="答复理由（至少 4 个字，将告知提出人）"
        onSubmit={submitAnswer}
      >
        <Choice options={ANSWERS} value={answer} onChange={setAnswer} />
      </AnswerBox>
    </View>
  );
}

interface TopicActionsProps {
  t: Topic;
  answering: boolean;
  onAnswering: () => void;
  onAnswered: () => Promise<void>;
}

/** One topic: its status, support count, the community's answer, and what the reader may do. */
function TopicItem(props: TopicActionsProps & { isResident: boolean; isStaff: boolean; reload: () => Promise<void> }) {
  const { t } = props;
  const open = t.status === 'open' || t.status === 'under_study';
  const support = async () => {
    if (await act(() => call('deliberation', 'topic.support', { topicId: t.id }), '已支持')) await props.reload();
  };
  return (
    <View className="council-item" data-testid="topic-item">
      <View className="council-item-title">
        <Text>{t.title}</Text>
      </View>
      <View className="council-body">{t.body}</View>
      <View className="council-tags">
        <Tag type={t.status === 'accepted' ? 'success' : t.status === 'rejected' ? 'danger' : 'primary'}>
          {TOPIC_STATUS_LABELS[t.status]}
        </Tag>
        <Tag plain>{`${t.supportCount} 人支持`}</Tag>
        <Tag plain>{`${t.authorName} · ${formatDate(t.createdAt)}`}</Tag>
      </View>
      {t.answer && (
        <View className="council-outcome" data-testid="topic-answer">
          <View className="council-line">社区答复（{TOPIC_STATUS_LABELS[t.answer.status]}）：</View>
          <View className="council-body">{t.answer.reason}</View>
        </View>
      )}
      {t.settledIn && (
        <View className="council-line">
          已在「{t.settledIn.meetingTitle}」议定：{t.settledIn.decision}
        </View>
      )}
      {props.isResident && !t.mine && open && (
        <View className="council-actions">
          <Button size="small" disabled={t.supportedByMe} onClick={() => void support()}>
            {t.supportedByMe ? '已支持' : '我也支持'}
          </Button>
        </View>
      )}
      {props.isStaff && open && <TopicAnswer {...props} />}
    </View>
  );
}

/** Residents propose and support topics and read answers; staff answer them with a reason. */
export default function Topics() {
  const [scope, setScope] = useState<Scope>(useRouter().params.scope === 'mine' ? 'mine' : 'community');
  const { isStaff, isResident } = useCouncilRoles();
  const list = usePaged((skip) => call('deliberation', 'topic.list', { scope, skip, limit: 10 }), [scope]);
  const [answering, setAnswering] = useState<string | null>(null);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      {isResident && (
        <View className="council-actions" data-testid="propose-topic">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/council/propose/index' })}>
            提出议题
          </Button>
        </View>
      )}
      <Choice options={SCOPES} value={scope} onChange={setScope} />
      <StateView
        remote={list}
        isEmpty={(d) => d.items.length === 0}
        emptyText={scope === 'mine' ? '您还没有提出议题' : '暂无议题'}
      >
        {(data) => (
          <>
            {data.items.map((t) => (
              <TopicItem
                key={t.id}
                t={t}
                isResident={isResident}
                isStaff={isStaff}
                reload={list.reload}
                answering={answering === t.id}
                onAnswering={() => setAnswering(t.id)}
                onAnswered={async () => {
                  setAnswering(null);
                  await list.reload();
                }}
              />
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
