import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { confirmAct } from '../../../components/confirmAct';
import { OpenQueue } from '../../../components/OpenQueue';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, formatTime } from '../../../components/ui';
import { useOpenQueue } from '../../../hooks/useOpenQueue';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../../services/shared/services.scss';

type Application = ActionOutput<'sages', 'queue'>['items'][number];

const FILTERS = [
  { id: 'applied', label: '待资格审查' },
  { id: 'qualified', label: '待街道审定' },
  { id: 'appointed', label: '已聘任' },
  { id: 'unqualified', label: '未通过审查' },
  { id: 'declined', label: '未获聘任' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];
const CHECKS = [
  { key: 'true', label: '符合' },
  { key: 'false', label: '不符合' },
];

/** Staff: one check per published standard, with the facts they rest on. */
function Review({ app, onDone }: { app: Application; onDone: () => void }) {
  const standards = useRemote(() => call('sages', 'standards', { communityId: app.communityId }), [app.communityId]);
  const [met, setMet] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  return (
    <StateView remote={standards}>
      {(s) => (
        <View data-testid="sage-review">
          {s.standards.map((x) => (
            <View key={x.id} className="material">
              <Text className="muted">{x.text}</Text>
              <Chips
                items={CHECKS}
                active={met[x.id] === undefined ? null : String(met[x.id])}
                onPick={(c) => setMet((m) => ({ ...m, [x.id]: c.key === 'true' }))}
                testid={`sage-check-${x.id}`}
              />
            </View>
          ))}
          <View className="field" data-testid="sage-review-note">
            <TextArea
              className="input"
              value={note}
              rows={2}
              maxLength={300}
              placeholder="审查意见（走访、核实情况）"
              onChange={setNote}
            />
          </View>
          <View data-testid="sage-review-submit">
            <Button
              type="primary"
              disabled={s.standards.some((x) => met[x.id] === undefined) || note.trim().length < 2}
              onClick={() =>
                void act(
                  () =>
                    call('sages', 'review', {
                      applicationId: app.id,
                      checks: s.standards.map((x) => ({ standardId: x.id, met: met[x.id] === true })),
                      note: note.trim(),
                    }),
                  '已提交审查',
                ).then((ok) => ok && onDone())
              }
            >
              提交审查
            </Button>
          </View>
        </View>
      )}
    </StateView>
  );
}

/** The street: appoint for a term at a station, or decline — with the decision number and reason recorded. */
function Decide({ app, onDone }: { app: Application; onDone: () => void }) {
  const standards = useRemote(() => call('sages', 'standards', { communityId: app.communityId }), [app.communityId]);
  const [stationId, setStationId] = useState<string | null>(null);
  const [decisionNo, setDecisionNo] = useState('');
  const [reason, setReason] = useState('');
  const decide = async (appoint: boolean) => {
    const ok = await confirmAct(
      {
        title: appoint ? '确认聘任？' : '确认不予聘任？',
        content: appoint ? '聘任后即授予乡贤监督员权限，任期 3 年。' : '将告知申请人街道审定意见。',
      },
      () =>
        call('sages', 'decide', {
          applicationId: app.id,
          appoint,
          decisionNo: decisionNo.trim(),
          reason: reason.trim(),
          ...(appoint && stationId ? { stationId } : {}),
        }),
      appoint ? '已聘任' : '已记录决定',
    );
    if (ok) onDone();
  };
  const ready = decisionNo.trim().length >= 2 && reason.trim().length >= 2;
  return (
    <StateView remote={standards}>
      {(s) => (
        <View data-testid="sage-decide">
          <View className="label">监督工作站</View>
          <Chips
            items={s.stations.map((st) => ({ key: st.id, label: st.name }))}
            active={stationId}
            onPick={(st) => setStationId(st.key)}
            testid="sage-stations"
          />
          <View className="field" data-testid="sage-decision-no">
            <Input
              className="input"
              value={decisionNo}
              maxLength={40}
              placeholder="决定文号，如 南街发〔2026〕3 号"
              onChange={setDecisionNo}
            />
          </View>
          <View className="field" data-testid="sage-decision-reason">
            <Input className="input" value={reason} maxLength={300} placeholder="审定意见" onChange={setReason} />
          </View>
          <View className="actions">
            <View data-testid="sage-appoint">
              <Button type="primary" disabled={!ready || !stationId} onClick={() => void decide(true)}>
                聘任
              </Button>
            </View>
            <View data-testid="sage-decline">
              <Button disabled={!ready} onClick={() => void decide(false)}>
                不予聘任
              </Button>
            </View>
          </View>
        </View>
      )}
    </StateView>
  );
}

/** An opened application: the statement, the references, and the step that is the reader's. */
function ApplicationBody({ a, onDone }: { a: Application; onDone: () => void }) {
  return (
    <View>
      <View className="field">
        <Text>{a.statement}</Text>
      </View>
      {a.references.map((r) => (
        <Text key={`${r.name}-${r.phone}`} className="muted">
          推荐人：{r.name}（{r.relation}）{r.phone}
        </Text>
      ))}
      {a.reviewNote ? <Text className="muted">审查意见：{a.reviewNote}</Text> : null}
      {a.status === 'applied' && <Review app={a} onDone={onDone} />}
      {a.status === 'qualified' && <Decide app={a} onDone={onDone} />}
    </View>
  );
}

const load = (status: Filter, skip: number) => call('sages', 'queue', { status, skip, limit: 20 });

/** Staff review qualifications; the street decides. Each sees the step that is theirs. */
export default function SageReview() {
  const queue = useOpenQueue<Filter, Awaited<ReturnType<typeof load>>>('applied', load);
  return (
    <Page className="services">
      <OpenQueue
        queue={queue}
        filters={FILTERS}
        prefix="sage"
        rowTestId="sage-row"
        emptyText="暂无申请"
        title={(a) => a.applicant}
        badge={(a) => a.statusLabel}
        meta={(a) => `申请于 ${formatTime(a.appliedAt)}`}
        openLabel="办理 ›"
        body={(a) => <ApplicationBody a={a} onDone={() => void queue.list.reload()} />}
      />
    </Page>
  );
}
