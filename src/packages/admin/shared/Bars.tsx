import { Text, View } from '@tarojs/components';
import './Bars.scss';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const PALETTE = ['#0f7b5f', '#2f80ed', '#f2994a', '#eb5757', '#9b51e0', '#27ae60', '#828282', '#56ccf2'];

/** A horizontal bar chart in plain CSS: no charting library, so the subpackage stays small. */
export function BarChart({ bars, unit = '' }: { bars: Bar[]; unit?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View className="bars">
      {bars.map((b, i) => (
        <View className="bar-row" key={b.label}>
          <Text className="bar-label">{b.label}</Text>
          <View className="bar-track">
            <View
              className="bar-fill"
              style={{ width: `${(b.value / max) * 100}%`, background: b.color ?? PALETTE[i % PALETTE.length] }}
            />
          </View>
          <Text className="bar-value">
            {b.value}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Shares of a whole as one stacked bar with a legend (reads like a pie, renders anywhere). */
export function ShareBar({ parts }: { parts: Bar[] }) {
  const total = parts.reduce((a, p) => a + p.value, 0);
  const shown = parts.filter((p) => p.value > 0);
  return (
    <View className="share">
      <View className="share-track">
        {total === 0 ? (
          <View className="share-empty" />
        ) : (
          shown.map((p) => (
            <View
              key={p.label}
              className="share-part"
              style={{
                width: `${(p.value / total) * 100}%`,
                background: p.color ?? PALETTE[parts.indexOf(p) % PALETTE.length],
              }}
            />
          ))
        )}
      </View>
      <View className="share-legend">
        {shown.map((p) => (
          <View className="legend-item" key={p.label}>
            <View
              className="legend-dot"
              style={{ background: p.color ?? PALETTE[parts.indexOf(p) % PALETTE.length] }}
            />
            <Text>
              {p.label} {p.value}（{Math.round((p.value / total) * 100)}%）
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
