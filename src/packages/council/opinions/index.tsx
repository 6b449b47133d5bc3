import { Button, Tag, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { OPINION_TARGET_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useProfile } from '../../../hooks/useProfile';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice } from '../shared/Choice';
import { formatDateTime } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';

type Kind = 'meeting' | 'procedure' | 'disclosure';
type Filter = 'open' | 'answered' | 'all';
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: '待答复' },
  { value: 'answered', label: '已答复' },
  { value: 'all', label: '全部' },
];

/**
 * 乡贤 supervisors file opinions (opened from a meeting, procedure or disclosure with its id) and
 * follow the answers; staff answer each one here.
 */
export default function Opinions() {
  const params = useRouter().params;
  const target =
    params.kind && params.id && ['meeting', 'procedure', 'disclosure'].includes(params.kind)
      ? { kind: params.kind as Kind, id: params.id, title: decodeURIComponent(params.title ?? '') }
      : null;
  const profile = useProfile();
  const isSage = profile.data?.roles.some((r) => r.role === 'sage') ?? false;
  const isStaff = profile.data?.roles.some((r) => r.role === 'staff' || r.role === 'admin') ?? false;
  const [filter, setFilter] = useState<Filter>(target ? 'all' : 'open');
  const stats = useRemote(() => call('deliberation', 'opinion.stats', {}));
  const list = usePaged(
    (skip) =>
      call('deliberation', 'opinion.list', {
        skip,
        limit: 10,
        ...(filter === 'all' ? {} : { status: filter }),
        ...(target ? { targetId: target.id } : {}),
      }),
    [filter],
  );
  const [body, setBody] = useState('');
  const [answering, setAnswering] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const refresh = async () => {
    await Promise.all([list.reload(), stats.reload()]);
  };

  const file = () =>
    target &&
    confirmThen({ title: '提交监督意见', content: '意见提交后社区须逐条答复。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'opinion.file', { targetKind: target.kind, targetId: target.id, body: body.trim() }),
        '已提交',
      );
      if (ok) {
        setBody('');
        await refresh();
      }
    });
  const reply = (opinionId: string) =>
    confirmThen({ title: '答复意见', content: '答复后将通知乡贤监督员，且不能修改。确定提交吗？' }, async () => {
      const ok = await act(
        () => call('deliberation', 'opinion.answer', { opinionId, answer: answer.trim() }),
        '已答复',
      );
      if (ok) {
        setAnswering(null);
        setAnswer('');
        await refresh();
      }
    });

  return (
    <Page>
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
      {isSage && target && (
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
      )}
      <Choice options={FILTERS} value={filter} onChange={setFilter} />
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无监督意见">
        {(data) => (
          <>
            {data.items.map((o) => (
              <View key={o.id} className="council-item" data-testid="opinion-item">
                <View className="council-item-title">
                  <Text>
                    {OPINION_TARGET_LABELS[o.targetKind]}：{o.targetTitle}
                  </Text>
                </View>
                <View className="council-body">{o.body}</View>
                <View className="council-tags">
                  <Tag type={o.status === 'open' ? 'warning' : 'success'}>
                    {o.status === 'open' ? '待答复' : '已答复'}
                  </Tag>
                  <Tag plain>{`${o.authorName} · ${formatDateTime(o.createdAt)}`}</Tag>
                  {o.status === 'open' && (
                    <View data-testid="opinion-deadline" data-overdue={o.overdue ? '1' : '0'}>
                      <Tag type={o.overdue ? 'danger' : 'default'} plain={!o.overdue}>
                        {`${o.overdue ? '已超期 · ' : ''}答复期限 ${formatDateTime(o.answerBy)}`}
                      </Tag>
                    </View>
                  )}
                </View>
                {o.answer && (
                  <View className="council-outcome">
                    <View className="council-line">
                      {o.answer.answeredByName} 答复（{formatDateTime(o.answer.answeredAt)}）：
                    </View>
                    <View className="council-body">{o.answer.body}</View>
                  </View>
                )}
                {isStaff && o.status === 'open' && (
                  <View className="council-actions">
                    {answering === o.id ? (
                      <>
                        <TextArea
                          className="council-input"
                          value={answer}
                          rows={3}
                          maxLength={1000}
                          placeholder="答复内容（至少 4 个字）"
                          onChange={setAnswer}
                        />
                        <Button type="primary" disabled={answer.trim().length < 4} onClick={() => reply(o.id)}>
                          提交答复
                        </Button>
                      </>
                    ) : (
                      <Button size="small" type="primary" fill="outline" onClick={() => setAnswering(o.id)}>
                        答复
                      </Button>
                    )}
                  </View>
                )}
                <View
                  className="council-line"
                  onClick={() =>
                    void Taro.navigateTo({
                      url:
                        o.targetKind === 'meeting'
                          ? `/packages/council/meeting/index?id=${o.targetId}`
                          : `/packages/council/${o.targetKind}/index?id=${o.targetId}`,
                    })
                  }
                >
                  查看监督对象 ›
                </View>
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
