import { Text, View } from '@tarojs/components';
import { PRIVACY_NOTICE_VERSION } from '../../../../cloudfunctions/_core/domain/privacy';

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
  return (
    <View className="page">
      <View className="card">
        <View className="card-title">共治隐私政策</View>
        <Text className="muted">版本 {PRIVACY_NOTICE_VERSION}</Text>
      </View>
      {SECTIONS.map(([title, body]) => (
        <View className="card" key={title}>
          <View className="card-title">{title}</View>
          <Text>{body}</Text>
        </View>
      ))}
    </View>
  );
}
