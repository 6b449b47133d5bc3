import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * The one labelled form row. `classPrefix` keeps each area's look (`gc` → `gc-field`/`gc-label`,
 * `council` → `council-field`/`council-label`); `testId` goes on the wrapper because NutUI inputs
 * drop data-* attributes.
 */
export function Field(props: { label: ReactNode; testId?: string; classPrefix: string; children: ReactNode }) {
  const prefix = props.classPrefix;
  return (
    <View className={`${prefix}-field`} data-testid={props.testId}>
      <View className={`${prefix}-label`}>{props.label}</View>
      {props.children}
    </View>
  );
}
