import { Cell, Toast } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, devLogin } from '../../services/client';
import { HOME_PAGE } from '../../services/session';
import './index.scss';
import { Page } from '../../components/Page';

/** Mirrors the seeded personas of the local runtime (local/seed.ts). */
const PERSONAS = [
  { openid: 'demo-resident', name: '张阿姨', role: '居民', hint: '随手拍、绿币、议事会' },
  { openid: 'demo-volunteer', name: '小李', role: '志愿者', hint: '活动报名、签到、时间银行' },
  { openid: 'demo-gridworker', name: '王网格', role: '网格员', hint: '受理和办理本网格的事项' },
  { openid: 'demo-gridworker2', name: '周网格', role: '网格员', hint: '受理和办理潇湘第二网格的事项' },
  { openid: 'demo-staff', name: '陈书记', role: '社区工作者', hint: '派单、绿币评定、兑换审核、发布议事' },
  { openid: 'demo-sage', name: '刘老先生', role: '乡贤监督员', hint: '只读监督、提出意见' },
  { openid: 'demo-admin', name: '街道管理员', role: '管理员', hint: '街道和社区的设置与数据' },
  // 举报奖励 officers (local/seeds/tips.ts): one grades, the other approves.
  { openid: 'demo-tipofficer', name: '赵警官', role: '举报受理员', hint: '受理和评定举报线索' },
  { openid: 'demo-tipchecker', name: '孙主任', role: '举报受理员', hint: '复核评定、核发奖励' },
] as const;

/** h5 only: the local runtime's dev login lets a person try every role. */
export default function Login() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const signIn = async (openid: string) => {
    setBusy(openid);
    setError(undefined);
    try {
      await devLogin(openid);
      await Taro.switchTab({ url: HOME_PAGE });
    } catch (caught) {
      // The transport's ApiError already carries the sentence for people (network or refusal).
      setError(caught instanceof ApiError ? caught.message : '登录失败，请重试');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Page className="login">
      <View className="login-title">
        <Text className="card-title">共治 · 本地体验</Text>
        <Text className="muted">选择一个身份进入，可随时在"我的"中切换</Text>
      </View>
      <Cell.Group>
        {PERSONAS.map((p) => (
          // NutUI's Cell drops data-* props, so the wrapper carries the persona for tests and a11y.
          <View key={p.openid} data-openid={p.openid}>
            <Cell
              className="persona"
              title={`${p.name}（${p.role}）`}
              description={p.hint}
              extra={busy === p.openid ? '登录中…' : '进入'}
              clickable
              onClick={() => void signIn(p.openid)}
            />
          </View>
        ))}
      </Cell.Group>
      <Toast visible={Boolean(error)} content={error ?? ''} onClose={() => setError(undefined)} />
    </Page>
  );
}
