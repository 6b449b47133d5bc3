import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PRIVACY_NOTICE_VERSION } from '../../../../cloudfunctions/_core/domain/privacy';
import { confirmThen } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { formatPicked, formatTime } from '../../../components/ui';
import { call } from '../../../services/client';
import { LOGIN_PAGE, session } from '../../../services/session';

const SECTIONS = [
  ['我们处理哪些信息', '昵称、手机号、所在社区和网格，以及您主动提交的上报内容、照片和位置、志愿服务记录、绿币记录。'],
  ['用于什么目的', '办理您上报的事项、发放和兑换绿币、记录志愿服务时长、通知议事会等社区事务。'],
  [
    '谁能看到',
    '您的手机号对其他居民只显示打码后的形式；匿名上报时其他居民和监督员看不到您的身份，社区工作人员为便于回访可以看到。',
  ],
  [
    '您的权利',
    '您可以随时查看、导出个人信息，也可以申请删除：删除后个人字段会被清除，账目记录以匿名方式保留以保证账目平衡。',
  ],
] as const;

export default function Privacy() {
  const [exported, setExported] = useState<string>();
  const [busy, setBusy] = useState(false);
  const exportData = async () => {
    setBusy(true);
    try {
      const data = await call('identity', 'exportMyData', {});
      const summary = Object.values(data.records)
        .map((r) => `${r.label} ${r.total} 条`)
        .join('，');
      setExported(`导出时间 ${formatTime(data.exportedAt)}：${summary}。完整内容已复制到剪贴板。`);
      await Taro.setClipboardData({ data: JSON.stringify(data, null, 2) }).catch(() => undefined);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const erase = () =>
    confirmThen(
      {
        title: '确认注销账号？',
        content: '注销后，您的昵称、手机号和身份将被清除且无法恢复；绿币和上报记录以匿名方式保留。',
        confirmText: '确认注销',
      },
      async () => {
        try {
          await call('identity', 'deleteMyAccount', { confirm: '注销' });
          session.clear();
          void Taro.showToast({ title: '账号已注销', icon: 'success' });
          setTimeout(
            () => void Taro.reLaunch({ url: process.env.TARO_ENV === 'h5' ? LOGIN_PAGE : '/pages/index/index' }),
            800,
          );
        } catch (error) {
          void Taro.showToast({ title: (error as Error).message, icon: 'none' });
        }
      },
    );
  return (
    <Page>
      <View className="card">
        <View className="card-title">共治隐私政策</View>
        <Text className="muted">{formatPicked(PRIVACY_NOTICE_VERSION)}版</Text>
      </View>
      {SECTIONS.map(([title, body]) => (
        <View className="card" key={title}>
          <View className="card-title">{title}</View>
          <Text>{body}</Text>
        </View>
      ))}
      <View className="card">
        <View className="card-title">我的个人信息</View>
        {exported && (
          <Text className="muted" data-testid="export-summary">
            {exported}
          </Text>
        )}
        <View style={{ display: 'flex', gap: '12px', marginTop: '12px' }}>
          <Button loading={busy} onClick={() => void exportData()}>
            导出我的数据
          </Button>
          <Button type="danger" fill="outline" onClick={erase}>
            注销账号
          </Button>
        </View>
      </View>
    </Page>
  );
}
