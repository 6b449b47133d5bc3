import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { Choice, toOptions } from '../shared/Choice';
import { cstDate } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { formatPicked, WhyDisabled, whyNot } from '../../../components/ui';

/** Starting a procedure records its first step: the party organisation's proposal. */
export default function StartProcedure() {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [category, setCategory] = useState<DisclosureCategory>('village');
  const [heldOn, setHeldOn] = useState(cstDate());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const why = whyNot([
    [title.trim().length >= 4, '事项名称至少 4 个字'],
    [summary.trim().length >= 10, '事项内容至少 10 个字'],
    [note.trim().length >= 2, '请填写提议情况（至少 2 个字）'],
  ]);
  const valid = why === '';
  const submit = () =>
    confirmThen(
      { title: '发起事项', content: '将登记党组织提议为第一步，之后须按顺序办理。确定发起吗？' },
      async () => {
        setBusy(true);
        let id: string | undefined;
        const ok = await act(async () => {
          const p = await call('deliberation', 'procedure.start', {
            title: title.trim(),
            summary: summary.trim(),
            category,
            heldOn,
            note: note.trim(),
          });
          id = p.id;
        }, '已发起');
        setBusy(false);
        if (ok && id) void Taro.redirectTo({ url: `/packages/council/procedure/index?id=${id}` });
      },
    );
  return (
    <Page>
      <View className="card">
        <View className="council-field">
          <View className="council-label">事项名称</View>
          <Input className="council-input" value={title} maxLength={60} onChange={setTitle} />
        </View>
        <View className="council-field">
          <View className="council-label">事项内容（10 字以上）</View>
          <TextArea className="council-input" value={summary} rows={4} maxLength={2000} onChange={setSummary} />
        </View>
        <View className="council-label">公开类别</View>
        <Choice
          options={toOptions(DISCLOSURE_CATEGORIES, DISCLOSURE_CATEGORY_LABELS)}
          value={category}
          onChange={setCategory}
        />
        <View className="card-title">第一步：党组织提议</View>
        <Picker mode="date" value={heldOn} end={cstDate()} onChange={(e) => setHeldOn(String(e.detail.value))}>
          <View className="council-input council-line" style={{ padding: '10px 12px' }}>
            提议日期：{formatPicked(heldOn)}
          </View>
        </Picker>
        <View className="council-field">
          <View className="council-label">提议情况</View>
          <TextArea className="council-input" value={note} rows={3} maxLength={1000} onChange={setNote} />
        </View>
        <View className="council-actions">
          <Button type="primary" block loading={busy} disabled={!valid} onClick={submit}>
            发起
          </Button>
          <WhyDisabled reason={why} />
        </View>
      </View>
    </Page>
  );
}
