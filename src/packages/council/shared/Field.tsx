import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A labelled form field of the council pages; `testId` goes on the wrapper (NutUI inputs drop data-*). */
export function Field(props: { label: string; testId?: string; children: ReactNode }) {
  return (
    <View className="council-field" data-testid={props.testId}>
      <View className="council-label">{props.label}</View>
      {props.children}
    </View>
  );
}
