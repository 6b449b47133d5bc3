import { View } from '@tarojs/components';
import { formatTime } from '../../../components/ui';
import { STEP_LABELS } from './labels';

/** An application's 办理进度, one line per step, as the applicant and the window both read it. */
export function Progress({ events }: { events: ReadonlyArray<{ at: string; step: string; note?: string | null }> }) {
  return (
    <>
      <View className="label">办理进度</View>
      {events.map((e) => (
        <View key={`${e.at}-${e.step}`} className="step">
          {formatTime(e.at)} {STEP_LABELS[e.step] ?? e.step}
          {e.note ? `：${e.note}` : ''}
        </View>
      ))}
    </>
  );
}
