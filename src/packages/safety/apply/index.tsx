import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { doneThenRedirect, useSubmit } from '../../../hooks/useSubmit';
import { call } from '../../../services/client';
import '../shared/safety.scss';
import { WhyDisabled, whyNot } from '../../../components/ui';

type Criteria = ActionOutput<'safety', 'criteria'>;
type UnitType = 'family' | 'estate' | 'school' | 'hospital' | 'enterprise';

/** The community's published criteria, read before applying. */
function CriteriaCard({ c }: { c: Criteria }) {
  return (
    <View className="card" data-testid="safety-criteria">
      <View className="card-title">
        {c.communityName}平安细胞评定标准（满分 {c.max}，{c.passScore} 分及以上授牌）
      </View>
      {c.criteria.map((x) => (
        <View key={x.id} className="row">
          <View className="row-head">
            <Text className="name">{x.title}</Text>
            <Text className="points">{x.points} 分</Text>
          </View>
          <Text className="muted">{x.description}</Text>
        </View>
      ))}
      <Text className="muted">称号按年度授予，当年年底到期，次年重新评定。</Text>
    </View>
  );
}

/** What the applicant types; valid once every required line is there and the phone is a mobile. */
function useApplyForm() {
  const [type, setType] = useState<UnitType>('family');
  const [gridId, setGridId] = useState<string | null>(null);
  const [text, setText] = useState({ name: '', address: '', contactName: '', contactPhone: '', note: '' });
  const set = (key: keyof typeof text) => (value: string) => setText((t) => ({ ...t, [key]: value }));
  const trimmed = {
    name: text.name.trim(),
    address: text.address.trim(),
    contactName: text.contactName.trim(),
    contactPhone: text.contactPhone,
    note: text.note.trim(),
  };
  const why = whyNot([
    [gridId !== null, '请选择所在网格'],
    [trimmed.name.length >= 2, '家庭或单位名称至少 2 个字'],
    [trimmed.address.length >= 2, '请填写地址'],
    [trimmed.contactName.length >= 1, '请填写联系人'],
    [/^1\d{10}$/.test(trimmed.contactPhone), '请填写 11 位手机号'],
  ]);
  return { type, setType, gridId, setGridId, text, set, trimmed, valid: why === '', why };
}

function ApplyForm({ c }: { c: Criteria }) {
  const form = useApplyForm();
  const { busy, submit } = useSubmit(
    () => call('safety', 'apply', { type: form.type, gridId: form.gridId ?? '', ...form.trimmed }),
    () => doneThenRedirect('已提交申请', '/packages/safety/mine/index'),
  );
  return (
    <View className="card">
      <View className="card-title">提交申请</View>
      <View className="label">申请类型</View>
      <Chips
        items={c.types.map((t) => ({ key: t.id, label: t.label }))}
        active={form.type}
        onPick={(t) => form.setType(t.key as UnitType)}
        testid="safety-type"
      />
      <View className="label">所在网格</View>
      <Chips
        items={c.grids.map((g) => ({ key: g.id, label: g.name }))}
        active={form.gridId}
        onPick={(g) => form.setGridId(g.key)}
        testid="safety-grid"
      />
      <Field classPrefix="wf" label="家庭或单位名称" testId="safety-name">
        <Input
          className="input"
          value={form.text.name}
          maxLength={40}
          placeholder="例如：张家、潇湘小学"
          onChange={form.set('name')}
        />
      </Field>
      <Field classPrefix="wf" label="地址" testId="safety-address">
        <Input
          className="input"
          value={form.text.address}
          maxLength={100}
          placeholder="门牌号"
          onChange={form.set('address')}
        />
      </Field>
      <Field classPrefix="wf" label="联系人" testId="safety-contact">
        <Input className="input" value={form.text.contactName} maxLength={20} onChange={form.set('contactName')} />
      </Field>
      <Field classPrefix="wf" label="联系电话" testId="safety-phone">
        <Input
          className="input"
          type="number"
          value={form.text.contactPhone}
          maxLength={11}
          placeholder="11 位手机号"
          onChange={form.set('contactPhone')}
        />
      </Field>
      <Field classPrefix="wf" label="补充说明（选填）">
        <TextArea className="input" value={form.text.note} rows={3} maxLength={200} onChange={form.set('note')} />
      </Field>
      <View data-testid="safety-submit">
        <Button type="primary" block loading={busy} disabled={!form.valid} onClick={() => void submit()}>
          提交申请
        </Button>
        <WhyDisabled reason={form.why} />
      </View>
    </View>
  );
}

/** A resident or a unit's contact applies for a 平安细胞 title, seeing the published criteria first. */
export default function ApplySafety() {
  const criteria = useRemote(() => call('safety', 'criteria', {}));
  return (
    <Page className="safety">
      <StateView remote={criteria}>
        {(c) => (
          <>
            <CriteriaCard c={c} />
            <ApplyForm c={c} />
          </>
        )}
      </StateView>
    </Page>
  );
}
