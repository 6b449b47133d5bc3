import { Button, Dialog, Image, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, formatTime, go, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { STEP_LABELS } from '../shared/labels';
import '../shared/services.scss';

const FILTERS = [
  { id: 'open', label: '待办' },
  { id: 'supplement', label: '待补正' },
  { id: 'approved', label: '待领取' },
  { id: 'collected', label: '已领取' },
  { id: 'refused', label: '不予办理' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];

/** One application as the clerk handles it: the material photos, then accept / 补正 / 办结 / 不予办理. */
function Handle({ applicationId, onChanged }: { applicationId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('services', 'detail', { applicationId }), [applicationId]);
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const done = () => {
    void detail.reload();
    onChanged();
  };
  const confirm = (title: string, content: string, run: () => Promise<unknown>, ok: string) =>
    Dialog.open('window-confirm', {
      title,
      content,
      onConfirm: async () => {
        Dialog.close('window-confirm');
        if (await act(run, ok)) done();
      },
      onCancel: () => Dialog.close('window-confirm'),
    });
  return (
    <StateView remote={detail}>
      {(d) => {
        const a = d.application;
        const uploaded = new Map(a.materials.map((m) => [m.name, m.fileIds]));
        return (
          <View data-testid="window-detail">
            <Text className="muted">
              申请人：{a.applicant?.nickname ?? ''} {a.applicant?.phone ?? ''}
            </Text>
            {a.document && (
              <Text className="muted">
                用印文件：{a.document}（{a.purpose}）
              </Text>
            )}
            {a.note ? <Text className="muted">说明：{a.note}</Text> : null}
            {d.required.map((name) => (
              <View key={name} className="material">
                <View className="label">
                  {name}
                  {uploaded.has(name) ? '' : '（未上传）'}
                </View>
                <View className="photos">
                  {(uploaded.get(name) ?? []).map((id) => (
                    <View
                      key={id}
                      className="photo"
                      onClick={() => void Taro.previewImage({ urls: [d.fileUrls[id] ?? ''] }).catch(() => {})}
                    >
                      <Image src={d.fileUrls[id] ?? ''} width="100%" height="100%" mode="aspectFill" lazyLoad />
                    </View>
                  ))}
                </View>
              </View>
            ))}
            <View className="label">办理进度</View>
            {a.events.map((e) => (
              <View key={`${e.at}-${e.step}`} className="step">
                {formatTime(e.at)} {STEP_LABELS[e.step] ?? e.step}
                {e.note ? `：${e.note}` : ''}
              </View>
            ))}
            {(a.status === 'submitted' || a.status === 'accepted') && (
              <View>
                <View className="label">一次性告知补正：选择缺少的材料</View>
                <View className="chips" data-testid="window-missing">
                  {d.required.map((name) => (
                    <View
                      key={name}
                      className={`chip ${missing.includes(name) ? 'chip-active' : ''}`}
                      onClick={() => setMissing((m) => (m.includes(name) ? m.filter((x) => x !== name) : [...m, name]))}
                    >
                      {name}
                    </View>
                  ))}
                </View>
                <View className="field" data-testid="window-note">
                  <TextArea
                    className="input"
                    value={note}
                    rows={2}
                    maxLength={200}
                    placeholder="补正说明，例如：照片不清晰，请重新拍摄"
                    onChange={setNote}
                  />
                </View>
                <View className="field" data-testid="window-reason">
                  <Input
                    className="input"
                    value={reason}
                    maxLength={200}
                    placeholder="不予办理的理由"
                    onChange={setReason}
                  />
                </View>
              </View>
            )}
            <View className="actions">
              {a.status === 'submitted' && (
                <View data-testid="window-accept">
                  <Button
                    type="primary"
                    onClick={() =>
                      void act(() => call('services', 'accept', { applicationId }), '已受理').then((ok) => ok && done())
                    }
                  >
                    受理
                  </Button>
                </View>
              )}
              {(a.status === 'submitted' || a.status === 'accepted') && (
                <View data-testid="window-ask">
                  <Button
                    disabled={missing.length === 0 || note.trim().length < 2}
                    onClick={() =>
                      void act(
                        () => call('services', 'supplement', { applicationId, missing, note: note.trim() }),
                        '已告知补正',
                      ).then((ok) => {
                        if (!ok) return;
                        setMissing([]);
                        setNote('');
                        done();
                      })
                    }
                  >
                    告知补正
                  </Button>
                </View>
              )}
              {a.status === 'accepted' && (
                <View data-testid="window-approve">
                  <Button
                    type="primary"
                    onClick={() =>
                      confirm(
                        '确认办结？',
                        a.itemKind === 'seal'
                          ? '办结后将记入用印登记簿，并通知申请人领取。'
                          : '办结后将通知申请人凭领取码领取。',
                        () => call('services', 'approve', { applicationId }),
                        '已办结',
                      )
                    }
                  >
                    办结
                  </Button>
                </View>
              )}
              {(a.status === 'submitted' || a.status === 'accepted' || a.status === 'supplement') && (
                <View data-testid="window-refuse">
                  <Button
                    type="danger"
                    disabled={reason.trim().length < 2}
                    onClick={() =>
                      confirm(
                        '确认不予办理？',
                        `将告知申请人理由：${reason.trim()}`,
                        () => call('services', 'refuse', { applicationId, reason: reason.trim() }),
                        '已告知申请人',
                      )
                    }
                  >
                    不予办理
                  </Button>
                </View>
              )}
            </View>
          </View>
        );
      }}
    </StateView>
  );
}

/** The window's workbench: collect by code, the queue by status, each application handled in place. */
export default function ServiceWindow() {
  const [filter, setFilter] = useState<Filter>('open');
  const [open, setOpen] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const list = usePaged(
    (skip) => call('services', 'queue', { skip, limit: 20, ...(filter === 'open' ? {} : { status: filter }) }),
    [filter],
  );
  const collect = () =>
    Dialog.open('window-confirm', {
      title: '确认已领取？',
      content: `领取码 ${code}：请核对申请人身份后交付办理结果。`,
      onConfirm: async () => {
        Dialog.close('window-confirm');
        if (await act(() => call('services', 'collect', { pickupCode: code }), '已确认领取')) {
          setCode('');
          void list.reload();
        }
      },
      onCancel: () => Dialog.close('window-confirm'),
    });
  return (
    <Page className="services">
      <View className="card">
        <View className="card-title">凭领取码交付</View>
        <View className="field" data-testid="window-code">
          <Input
            className="input"
            type="number"
            value={code}
            maxLength={6}
            placeholder="6 位领取码"
            onChange={setCode}
          />
        </View>
        <View data-testid="window-collect">
          <Button type="primary" block disabled={!/^\d{6}$/.test(code)} onClick={collect}>
            确认领取
          </Button>
        </View>
      </View>
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => go('/packages/services/seals/index')}>
          用印登记与统计
        </Button>
      </View>
      <Chips
        items={FILTERS.map((f) => ({ key: f.id, label: f.label, id: f.id }))}
        active={filter}
        onPick={(f) => {
          setFilter(f.id);
          setOpen(null);
        }}
        testid="window-filters"
      />
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="暂无申请">
        {(p) => (
          <View data-testid="window-queue">
            {p.items.map((a) => (
              <View key={a.id} className="card" data-testid="window-application">
                <View className="row-head" onClick={() => setOpen(open === a.id ? null : a.id)}>
                  <Text className="name">
                    {a.itemName} · {a.applicant?.nickname ?? ''}
                  </Text>
                  <Text className="badge">{a.statusLabel}</Text>
                </View>
                <Text className="muted">
                  申请于 {formatTime(a.submittedAt)}
                  {a.dueAt ? ` · 承诺 ${formatTime(a.dueAt).slice(0, 10)} 前办结` : ''}
                </Text>
                {open === a.id ? (
                  <Handle applicationId={a.id} onChanged={() => void list.reload()} />
                ) : (
                  <Text className="muted" onClick={() => setOpen(a.id)}>
                    办理 ›
                  </Text>
                )}
              </View>
            ))}
            <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </View>
        )}
      </StateView>
      <Dialog id="window-confirm" />
    </Page>
  );
}
