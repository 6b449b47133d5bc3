import { Button, Tag, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { TOPIC_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useProfile } from '../../../hooks/useProfile';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice } from '../shared/Choice';
import { formatDate } from '../shared/format';
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

/** Residents propose and support topics and read answers; staff answer them with a reason. */
export default function Topics() {
  const [scope, setScope] = useState<Scope>(useRouter().params.scope === 'mine' ? 'mine' : 'community');
  const profile = useProfile();
  const isStaff = profile.data?.roles.some((r) => r.role === 'staff' || r.role === 'admin') ?? false;
  const isResident = profile.data?.roles.some((r) => r.role === 'resident') ?? false;
  const list = usePaged((skip) => call('deliberation', 'topic.list', { scope, skip, limit: 10 }), [scope]);
  const [answering, setAnswering] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer>('accepted');
  const [reason, setReason] = useState('');
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });

  const support = async (topicId: string) => {
    if (await act(() => call('deliberation', 'topic.support', { topicId }), '已支持')) await list.reload();
  };
  const submitAnswer = (topicId: string) =>
    confirmThen({ title: '答复议题', content: '答复会通知提出人，采纳或不采纳后不能更改。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'topic.answer', { topicId, status: answer, reason: reason.trim() }),
        '已答复',
      );
      if (ok) {
        setAnswering(null);
        setReason('');
        await list.reload();
      }
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
              <View key={t.id} className="council-item" data-testid="topic-item">
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
                {isResident && !t.mine && (t.status === 'open' || t.status === 'under_study') && (
                  <View className="council-actions">
                    <Button size="small" disabled={t.supportedByMe} onClick={() => void support(t.id)}>
                      {t.supportedByMe ? '已支持' : '我也支持'}
                    </Button>
                  </View>
                )}
                {isStaff && (t.status === 'open' || t.status === 'under_study') && (
                  <View className="council-actions">
                    {answering === t.id ? (
                      <>
                        <Choice options={ANSWERS} value={answer} onChange={setAnswer} />
                        <TextArea
                          className="council-input"
                          value={reason}
                          rows={3}
                          maxLength={500}
                          placeholder="答复理由（至少 4 个字，将告知提出人）"
                          onChange={setReason}
                        />
                        <Button type="primary" disabled={reason.trim().length < 4} onClick={() => submitAnswer(t.id)}>
                          提交答复
                        </Button>
                      </>
                    ) : (
                      <Button size="small" type="primary" fill="outline" onClick={() => setAnswering(t.id)}>
                        答复
                      </Button>
                    )}
                  </View>
                )}
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
