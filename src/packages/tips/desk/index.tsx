import { Button, Dialog, Image, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, formatTime, LoadMore, newKey } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../../services/shared/services.scss';

const FILTERS = [
  { id: 'received', label: '待评定' },
  { id: 'graded', label: '待复核' },
  { id: 'rewarded', label: '待发放' },
  { id: 'paid', label: '已发放' },
  { id: 'closed', label: '已办结' },
  { id: 'forfeited', label: '已作废' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];

/** One tip opened by an officer (the read is logged server-side), with the step its status allows. */
function TipDetail({ tipId, onChanged }: { tipId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('tips', 'detail', { tipId }), [tipId]);
  const [levelId, setLevelId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [claimCode, setClaimCode] = useState('');
  const [approveKey] = useState(newKey);
  const done = () => {
    void detail.reload();
    onChanged();
  };
  const confirm = (title: string, content: string, run: () => Promise<unknown>, ok: string) =>
    Dialog.open('tip-confirm', {
      title,
      content,
      onConfirm: async () => {
        Dialog.close('tip-confirm');
        if (await act(run, ok)) done();
      },
      onCancel: () => Dialog.close('tip-confirm'),
    });
  return (
    <StateView remote={detail}>
      {(d) => {
        const level = d.levels.find((l) => l.id === d.levelId);
        return (
          <View data-testid="tip-detail">
            <Text className="muted">本次查看已记录。</Text>
            <View className="facts">
              <Text>举报人：{d.tipster ? `${d.tipster.nickname} ${d.tipster.phone ?? ''}` : '匿名'}</Text>
              {d.place ? <Text>地点：{d.place}</Text> : null}
            </View>
            <View className="field">
              <Text>{d.content}</Text>
            </View>
            <View className="photos">
              {d.photos.map((id) => (
                <View key={id} className="photo">
                  <Image src={d.photoUrls[id] ?? ''} width="100%" height="100%" mode="aspectFill" lazyLoad />
                </View>
              ))}
            </View>
            {d.returnedReason && d.status === 'received' && (
              <Text className="missing">退回理由：{d.returnedReason}</Text>
            )}
            {d.status === 'received' && (
              <View>
                <View className="label">按公开等级评定</View>
                <Chips
                  items={d.levels.map((l) => ({
                    key: l.id,
                    label: l.reward > 0 ? `${l.label} ${l.reward} 元` : l.label,
                  }))}
                  active={levelId}
                  onPick={(l) => setLevelId(l.key)}
                  testid="tip-grade-levels"
                />
                <View className="field" data-testid="tip-grade-note">
                  <TextArea
                    className="input"
                    value={note}
                    rows={2}
                    maxLength={300}
                    placeholder="核查情况和评定依据"
                    onChange={setNote}
                  />
                </View>
                <View data-testid="tip-grade">
                  <Button
                    type="primary"
                    disabled={!levelId || note.trim().length < 2}
                    onClick={() =>
                      void act(
                        () => call('tips', 'grade', { tipId, levelId: levelId ?? '', note: note.trim() }),
                        '已评定，待复核',
                      ).then((ok) => ok && done())
                    }
                  >
                    提交评定
                  </Button>
                </View>
              </View>
            )}
            {d.status === 'graded' && (
              <View>
                <Text className="muted">
                  评定：{level?.label}
                  {level && level.reward > 0 ? `，奖励 ${level.reward} 元` : ''}；依据：{d.gradeNote}
                </Text>
                {d.gradedByMe ? (
                  <Text className="muted">由您评定，需另一名受理员复核。</Text>
                ) : (
                  <View>
                    <View className="field" data-testid="tip-return-reason">
                      <Input
                        className="input"
                        value={reason}
                        maxLength={300}
                        placeholder="退回理由"
                        onChange={setReason}
                      />
                    </View>
                    <View className="actions">
                      <View data-testid="tip-approve">
                        <Button
                          type="primary"
                          onClick={() =>
                            confirm(
                              '复核通过并核发奖励？',
                              level && level.reward > 0
                                ? `将核发奖励 ${level.reward} 元，只核发一次。`
                                : '该举报将办结，不予奖励。',
                              () => call('tips', 'approve', { tipId, key: approveKey }),
                              '已复核',
                            )
                          }
                        >
                          复核通过
                        </Button>
                      </View>
                      <View data-testid="tip-return">
                        <Button
                          disabled={reason.trim().length < 2}
                          onClick={() =>
                            void act(() => call('tips', 'return', { tipId, reason: reason.trim() }), '已退回').then(
                              (ok) => ok && done(),
                            )
                          }
                        >
                          退回重评
                        </Button>
                      </View>
                    </View>
                  </View>
                )}
              </View>
            )}
            {d.status === 'rewarded' && (
              <View>
                <Text className="muted">奖励 {d.reward} 元待发放。</Text>
                {d.anonymous && (
                  <View className="field" data-testid="tip-payout-code">
                    <Input
                      className="input"
                      value={claimCode}
                      maxLength={14}
                      placeholder="核对领取码"
                      onChange={setClaimCode}
                    />
                  </View>
                )}
                <View data-testid="tip-payout">
                  <Button
                    type="primary"
                    disabled={d.anonymous && claimCode.trim().length < 14}
                    onClick={() =>
                      confirm(
                        '确认奖励已发放？',
                        `已向举报人发放 ${d.reward} 元。`,
                        () =>
                          call('tips', 'payout', { tipId, ...(d.anonymous ? { claimCode: claimCode.trim() } : {}) }),
                        '已登记发放',
                      )
                    }
                  >
                    登记发放
                  </Button>
                </View>
              </View>
            )}
          </View>
        );
      }}
    </StateView>
  );
}

/** The officers' desk: tips of their schemes only, content opened one at a time. */
export default function TipDesk() {
  const [filter, setFilter] = useState<Filter>('received');
  const [open, setOpen] = useState<string | null>(null);
  const list = usePaged((skip) => call('tips', 'queue', { status: filter, skip, limit: 20 }), [filter]);
  return (
    <Page className="services">
      <Chips
        items={FILTERS.map((f) => ({ key: f.id, label: f.label, id: f.id }))}
        active={filter}
        onPick={(f) => {
          setFilter(f.id);
          setOpen(null);
        }}
        testid="tip-filters"
      />
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无举报">
        {(p) => (
          <View data-testid="tip-queue">
            {p.items.map((t) => (
              <View key={t.id} className="card" data-testid="tip-row">
                <View className="row-head" onClick={() => setOpen(open === t.id ? null : t.id)}>
                  <Text className="name">
                    {t.schemeName}
                    {t.anonymous ? '（匿名）' : ''}
                  </Text>
                  <Text className="badge">{t.statusLabel}</Text>
                </View>
                <Text className="muted">提交于 {formatTime(t.submittedAt)}</Text>
                {open === t.id ? (
                  <TipDetail tipId={t.id} onChanged={() => void list.reload()} />
                ) : (
                  <Text className="muted" onClick={() => setOpen(t.id)}>
                    查看内容 ›
                  </Text>
                )}
              </View>
            ))}
            <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </View>
        )}
      </StateView>
      <Dialog id="tip-confirm" />
    </Page>
  );
}
