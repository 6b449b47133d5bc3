import { View } from '@tarojs/components';
import './Chips.scss';

export interface ChipItem {
  key: string;
  label: string;
}

/**
 * A row of filters or choices, one active: the status filters of the desks and queues, the
 * scopes of the dashboard. Tap targets are 44 px (Chips.scss); `testid` names the row and
 * `itemTestId` each chip where a test taps one by name.
 */
export function Chips<T extends ChipItem>(props: {
  items: readonly T[];
  active: string | null | undefined;
  onPick: (item: T) => void;
  testid?: string;
  itemTestId?: (item: T) => string;
}) {
  return (
    <View className="chips" data-testid={props.testid}>
      {props.items.map((item) => (
        <View
          key={item.key}
          className={`chip ${item.key === props.active ? 'chip-active' : ''}`}
          data-testid={props.itemTestId?.(item)}
          onClick={() => props.onPick(item)}
        >
          {item.label}
        </View>
      ))}
    </View>
  );
}
