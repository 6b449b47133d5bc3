import { Button, Cell } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';

export default function Baseline() {
  return (
    <View data-testid="baseline-ready">
      <Cell title="baseline" />
      <Button type="primary">OK</Button>
    </View>
  );
}
