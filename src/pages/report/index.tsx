import { Empty } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';

export default function ReportTab() {
  return (
    <View className="page">
      <View className="card">
        <View className="card-title">随手拍 · 随时报</View>
        <Empty status="empty" description="上报功能即将开放" />
      </View>
    </View>
  );
}
