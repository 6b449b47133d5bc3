import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../cloudfunctions/api';
import { call } from '../services/client';

interface PrivacyGateProps {
  profile: ActionOutput<'identity', 'me'>;
  onAccepted: () => void;
}

/** First use (and each new notice version): the person reads and accepts the privacy notice (PIPL). */
export function PrivacyGate({ profile, onAccepted }: PrivacyGateProps) {
  const [busy, setBusy] = useState(false);
  if (!profile.privacy.needsConsent) return null;
  const accept = async () => {
    setBusy(true);
    try {
      await call('identity', 'acceptPrivacy', { version: profile.privacy.currentVersion });
      onAccepted();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popup visible position="bottom" round closeable={false}>
      <View className="card" role="dialog" aria-label="隐私政策">
        <View className="card-title">个人信息保护提示</View>
        <Text className="muted">
          为了提供随手拍、绿币、志愿服务等功能，我们会处理您的昵称、手机号、所在社区和上报内容。您的手机号对他人只显示打码后的形式；您可以随时查看、导出或申请删除个人信息。
        </Text>
        <View style={{ marginTop: '12px', display: 'flex', gap: '12px' }}>
          <Button onClick={() => void Taro.navigateTo({ url: '/packages/profile/privacy/index' })}>查看全文</Button>
          <Button type="primary" loading={busy} onClick={() => void accept()}>
            同意并继续
          </Button>
        </View>
      </View>
    </Popup>
  );
}
