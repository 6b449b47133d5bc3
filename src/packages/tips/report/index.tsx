import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { newKey, WhyDisabled } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { doneThenRedirect, useSubmit } from '../../../hooks/useSubmit';
import { call } from '../../../services/client';
import { ClaimCode, SchemePicker, TipPhotos, useTipPhotos } from './parts';
import '../../services/shared/services.scss';

type Scheme = ActionOutput<'tips', 'schemes'>['schemes'][number]['id'];

/** The tip form; an anonymous sender leaves with a claim code (`onClaimCode`), a named one for 我的举报. */
function TipForm(props: { schemes: ActionOutput<'tips', 'schemes'>['schemes']; onClaimCode: (code: string) => void }) {
  const [scheme, setScheme] = useState<Scheme>('safety');
  const [content, setContent] = useState('');
  const [place, setPlace] = useState('');
  const [key, setKey] = useState(newKey);
  const tip = useTipPhotos();
  const { busy, submit } = useSubmit(
    () => call('tips', 'submit', { scheme, content: content.trim(), place: place.trim(), ...tip.payload(), key }),
    (res) => {
      setKey(newKey());
      tip.sent();
      if (res.claimCode) props.onClaimCode(res.claimCode);
      else doneThenRedirect('已提交，仅受理员可见', '/packages/tips/mine/index');
    },
  );
  return (
    <View className="card">
      <Text className="muted">举报内容和举报人信息只有该类别的指定受理员可以查看，每次查看都有记录。</Text>
      <SchemePicker schemes={props.schemes} value={scheme} onChange={setScheme} />
      <View className="field" data-testid="tip-content">
        <View className="label">线索或事迹</View>
        <TextArea
          className="input"
          value={content}
          rows={4}
          maxLength={1000}
          placeholder="时间、地点、人员、经过，越具体越便于核查"
          onChange={setContent}
        />
      </View>
      <View className="field" data-testid="tip-place">
        <View className="label">地点（选填）</View>
        <Input className="input" value={place} maxLength={100} onChange={setPlace} />
      </View>
      <TipPhotos tip={tip} />
      <View data-testid="tip-submit">
        <Button
          type="primary"
          block
          loading={busy}
          disabled={content.trim().length < 10 || busy}
          onClick={() => void submit()}
        >
          提交
        </Button>
        <WhyDisabled reason={content.trim().length < 10 ? '线索或事迹至少 10 个字' : ''} />
      </View>
    </View>
  );
}

/** File a tip under a scheme, named or anonymous. */
export default function ReportTip() {
  const schemes = useRemote(() => call('tips', 'schemes', {}));
  const [claimCode, setClaimCode] = useState<string | null>(null);
  return (
    <Page className="services">
      {claimCode ? (
        <ClaimCode code={claimCode} />
      ) : (
        <StateView remote={schemes}>{(s) => <TipForm schemes={s.schemes} onClaimCode={setClaimCode} />}</StateView>
      )}
    </Page>
  );
}
