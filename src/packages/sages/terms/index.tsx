import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { confirmAct } from '../../../components/confirmAct';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { TimeField } from '../../../components/TimeField';
import { formatDay, formatPicked, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../../services/shared/services.scss';

type Appointment = ActionOutput<'sages', 'appointments'>['items'][number];

const YEAR_MS = 365 * 86_400_000;
/** The China day of an instant, "2029-06-30". */
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const STATUS: Record<Appointment['status'], string> = { active: '在任', expired: '任期届满', removed: '已解聘' };

/**
 * A proposed new end: three years on from the current end (from today if it lapsed), the usual
 * term; the street changes it on the wheel (the server allows up to five years on).
 */
function proposedEnd(a: Appointment): string {
  const now = Date.now();
  const from = a.status === 'active' ? Math.max(now, Date.parse(a.termEnd)) : now;
  return chinaDay(from + 3 * YEAR_MS);
}

/** Renew (a new end picked on the wheel, a reason) or remove (a reason), each behind a confirmation. */
function Change({ a, onDone }: { a: Appointment; onDone: () => void }) {
  const [end, setEnd] = useState(proposedEnd(a));
  const [reason, setReason] = useState('');
  const ready = reason.trim().length >= 2;
  const change = async (kind: 'renew' | 'remove') => {
    const ok = await confirmAct(
      kind === 'renew'
        ? {
            title: '确认续聘？',
            content: `续聘 ${a.name}，任期至 ${formatPicked(end)}。续聘后保留（或恢复）乡贤监督员权限。`,
          }
        : { title: '确认解聘？', content: `解聘 ${a.name}，收回乡贤监督员权限。理由将告知本人。` },
      () =>
        kind === 'renew'
          ? call('sages', 'renew', { appointmentId: a.id, termEnd: end, reason: reason.trim() })
          : call('sages', 'remove', { appointmentId: a.id, reason: reason.trim() }),
      kind === 'renew' ? '已续聘' : '已解聘',
    );
    if (ok) onDone();
  };
  return (
    <View data-testid="term-change">
      <View className="label">新的任期届满日</View>
      <TimeField
        title="任期届满日"
        type="date"
        value={end}
        onChange={setEnd}
        notBefore={Date.now() + 86_400_000}
        spanYears={8}
        testId="term-end"
      />
      <View className="field" data-testid="term-reason">
        <Input className="input" value={reason} maxLength={300} placeholder="续聘或解聘的理由" onChange={setReason} />
      </View>
      <View className="actions">
        {a.status !== 'removed' && (
          <View data-testid="term-renew">
            <Button type="primary" disabled={!ready} onClick={() => void change('renew')}>
              续聘
            </Button>
          </View>
        )}
        {a.status === 'active' && (
          <View data-testid="term-remove">
            <Button type="danger" disabled={!ready} onClick={() => void change('remove')}>
              解聘
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}

function Roster({ communityId }: { communityId: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const list = usePaged((skip) => call('sages', 'appointments', { communityId, skip, limit: 20 }), [communityId]);
  return (
    <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="本社区暂无乡贤监督员">
      {(p) => (
        <View data-testid="term-list">
          {p.items.map((a) => (
            <View key={a.id} className="card" data-testid="term-row">
              <View className="row-head" onClick={() => setOpen(open === a.id ? null : a.id)}>
                <Text className="name">{a.name}</Text>
                <Text className={`badge ${a.status === 'active' ? '' : 'badge-warn'}`}>{STATUS[a.status]}</Text>
              </View>
              <View className="facts">
                <Text>{a.station}</Text>
                <Text>
                  任期 {formatDay(a.termStart)} 至 {formatDay(a.termEnd)}（{a.decisionNo}）
                </Text>
                {a.removedReason && <Text>解聘理由：{a.removedReason}</Text>}
              </View>
              {open === a.id && a.status !== 'removed' && (
                <Change
                  a={a}
                  onDone={() => {
                    setOpen(null);
                    void list.reload();
                  }}
                />
              )}
            </View>
          ))}
          <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
        </View>
      )}
    </StateView>
  );
}

/** The street's roster of appointed supervisors per community: term end, station; renew or remove. */
export default function SageTerms() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [communityId, setCommunityId] = useState<string | null>(null);
  return (
    <Page className="services">
      <StateView remote={places} isEmpty={(p) => p.communities.length === 0} emptyText="暂无可管理的社区">
        {(p) => {
          const current = communityId ?? p.communities[0]?.id ?? '';
          return (
            <>
              <Chips
                items={p.communities.map((c) => ({ key: c.id, label: c.name }))}
                active={current}
                onPick={(c) => setCommunityId(c.key)}
                testid="term-communities"
              />
              <Roster communityId={current} />
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
