import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** A 乡贤's way from a meeting or a procedure to filing an oversight opinion about it. */
export function OpinionLink(props: { kind: 'meeting' | 'procedure'; id: string; title: string; testId?: string }) {
  return (
    <View className="council-actions" data-testid={props.testId}>
      <Button
        block
        onClick={() =>
          void Taro.navigateTo({
            url: `/packages/council/opinions/index?kind=${props.kind}&id=${props.id}&title=${encodeURIComponent(props.title)}`,
          })
        }
      >
        提出监督意见
      </Button>
    </View>
  );
}
