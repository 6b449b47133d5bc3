import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { formatDay, formatTime, WhyDisabled, whyNot } from '../../../components/ui';
import { useSubmit } from '../../../hooks/useSubmit';
import { call } from '../../../services/client';

type Standards = ActionOutput<'sages', 'standards'>;
type Mine = ActionOutput<'sages', 'mine'>;

/** The published qualification standards, the review procedure and the stations. */
export function StandardsCard({ s }: { s: Standards }) {
  return (
    <View className="card" data-testid="sage-standards">
      <View className="card-title">资格标准</View>
      {s.standards.map((x, i) => (
        <View key={x.id} className="step">
          {i + 1}. {x.text}
        </View>
      ))}
      <View className="label">审查程序</View>
      {s.procedure.map((p, i) => (
        <View key={p} className="step">
          {i + 1}. {p}
        </View>
      ))}
      <View className="label">监督工作站</View>
      {s.stations.map((st) => (
        <View key={st.id} className="step">
          {st.name}（{st.address}）
        </View>
      ))}
    </View>
  );
}

const APPOINTMENT_STATUS: Record<string, string> = { active: '在任', expired: '任期届满', removed: '已解聘' };
const day = formatDay;

/** My terms (decision number, term, a removal's reason) and my applications with their review. */
export function MyRecords({ m }: { m: Mine }) {
  return (
    <>
      {m.appointments.map((a) => (
        <View key={a.id} className="card" data-testid="sage-appointment">
          <View className="row-head">
            <Text className="name">{a.station}</Text>
            <Text className="badge">{APPOINTMENT_STATUS[a.status] ?? a.status}</Text>
          </View>
          <Text className="muted">
            {a.decisionNo} · 任期 {day(a.termStart)} 至 {day(a.termEnd)}
          </Text>
          {a.removedReason ? <Text className="missing">解聘理由：{a.removedReason}</Text> : null}
        </View>
      ))}
      {m.applications.map((a) => (
        <View key={a.id} className="card" data-testid="sage-application">
          <View className="row-head">
            <Text className="name">我的申请</Text>
            <Text className={`badge ${a.status === 'unqualified' || a.status === 'declined' ? 'badge-warn' : ''}`}>
              {a.statusLabel}
            </Text>
          </View>
          <Text className="muted">申请于 {formatTime(a.appliedAt)}</Text>
          {a.reviewNote ? <Text className="muted">审查意见：{a.reviewNote}</Text> : null}
          {a.decisionNo ? (
            <Text className="muted">
              街道决定 {a.decisionNo}：{a.decisionReason}
            </Text>
          ) : null}
        </View>
      ))}
    </>
  );
}

/** The application: a statement of at least 20 characters and one reference with a mobile number. */
export function SageApplyForm({ onApplied }: { onApplied: () => void }) {
  const [statement, setStatement] = useState('');
  const [refName, setRefName] = useState('');
  const [relation, setRelation] = useState('');
  const [phone, setPhone] = useState('');
  const why = whyNot([
    [statement.trim().length >= 20, '自荐理由至少 20 个字'],
    [refName.trim() !== '', '请填写推荐人姓名'],
    [relation.trim() !== '', '请填写推荐人与您的关系'],
    [/^1\d{10}$/.test(phone), '请填写推荐人的 11 位手机号'],
  ]);
  const valid = why === '';
  const { busy, submit } = useSubmit(
    () =>
      call('sages', 'apply', {
        statement: statement.trim(),
        references: [{ name: refName.trim(), relation: relation.trim(), phone }],
      }),
    onApplied,
  );
  return (
    <View className="card">
      <View className="card-title">申请担任乡贤监督员</View>
      <View className="field" data-testid="sage-statement">
        <View className="label">个人陈述（经历、为何申请、能投入的时间）</View>
        <TextArea className="input" value={statement} rows={4} maxLength={1000} onChange={setStatement} />
      </View>
      <View className="label">推荐人</View>
      <View className="field" data-testid="sage-ref-name">
        <Input className="input" value={refName} maxLength={20} placeholder="姓名" onChange={setRefName} />
      </View>
      <View className="field" data-testid="sage-ref-relation">
        <Input className="input" value={relation} maxLength={30} placeholder="与您的关系" onChange={setRelation} />
      </View>
      <View className="field" data-testid="sage-ref-phone">
        <Input
          className="input"
          type="number"
          value={phone}
          maxLength={11}
          placeholder="推荐人手机号"
          onChange={setPhone}
        />
      </View>
      <View data-testid="sage-submit">
        <Button type="primary" block loading={busy} disabled={!valid || busy} onClick={() => void submit()}>
          提交申请
        </Button>
        <WhyDisabled reason={why} />
      </View>
    </View>
  );
}
