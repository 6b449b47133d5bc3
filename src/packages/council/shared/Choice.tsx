import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';

interface ChoiceProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | undefined;
  onChange: (value: T) => void;
  testId?: string;
}

/** A row of large buttons: one choice among a few, easier to hit than a picker for elderly users. */
export function Choice<T extends string>({ options, value, onChange, testId }: ChoiceProps<T>) {
  return (
    <View className="council-choice" data-testid={testId}>
      {options.map((o) => (
        <View key={o.value} className="council-choice-item" data-value={o.value}>
          <Button
            size="small"
            type={o.value === value ? 'primary' : 'default'}
            fill={o.value === value ? 'solid' : 'outline'}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </Button>
        </View>
      ))}
    </View>
  );
}

export const toOptions = <T extends string>(values: readonly T[], labels?: Record<T, string>) =>
  values.map((value) => ({ value, label: labels ? labels[value] : value }));
