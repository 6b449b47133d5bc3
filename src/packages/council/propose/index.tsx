import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/client';
import { act } from '../shared/act';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { WhyDisabled, whyNot } from '../../../components/ui';

export default function ProposeTopic() {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const why = whyNot([
    [title.trim().length >= 4, '议题标题至少 4 个字'],
    [body.trim().length >= 10, '具体内容至少 10 个字'],
  ]);
  const valid = why === '';
  const submit = async () => {
    setBusy(true);
    const ok = await act(
      () => call('deliberation', 'topic.propose', { title: title.trim(), body: body.trim() }),
      '已提交',
    );
    setBusy(false);
    if (ok) setTimeout(() => void Taro.redirectTo({ url: '/packages/council/topics/index?scope=mine' }), 600);
  };
  return (
    <Page>
      <View className="card">
        <View className="muted">议题将提交社区，供下次议事会讨论；社区会答复采纳、不采纳或研究中，并说明理由。</View>
        <View className="council-field" data-testid="topic-title">
          <View className="council-label">议题标题（4–40 字）</View>
          <Input
            className="council-input"
            value={title}
            maxLength={40}
            placeholder="例如：车棚增设充电桩"
            onChange={setTitle}
          />
        </View>
        <View className="council-field" data-testid="topic-body">
          <View className="council-label">具体内容（10–1000 字）</View>
          <TextArea
            className="council-input"
            value={body}
            rows={6}
            maxLength={1000}
            showCount
            placeholder="说明问题、影响和您的建议"
            onChange={setBody}
          />
        </View>
        <View className="council-actions" data-testid="topic-submit">
          <Button type="primary" block loading={busy} disabled={!valid} onClick={() => void submit()}>
            提交议题
          </Button>
          <WhyDisabled reason={why} />
        </View>
      </View>
    </Page>
  );
}
