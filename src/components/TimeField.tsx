import { DatePicker } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { formatPicked } from './ui';
import './TimeField.scss';

/** Beijing wall-clock text ("2026-01-05 09:30" or "2026-01") ↔ the picker's fields. */
const pad = (n: number) => String(n).padStart(2, '0');

/** A local Date whose fields read as the Beijing text: the picker shows fields, whatever the phone's zone. */
function toPickerDate(text: string): Date {
  const [y, mo, d, h, mi] = (text.match(/\d+/g) ?? []).map(Number);
  return new Date(y ?? 2026, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

/** "2026-01-05 09:30" in Beijing time for an instant. */
export const beijingText = (ms: number): string =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The ISO instant of a Beijing wall-clock text, or null when it is not one. */
export function beijingIso(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return `${m[1]}T${(m[2] as string).padStart(2, '0')}:${m[3]}:00+08:00`;
}

/**
 * A time a person picks rather than types (NutUI DatePicker): a tappable field opening the wheel.
 * `datetime` answers "YYYY-MM-DD HH:mm" (Beijing), `year-month` answers "YYYY-MM"; `notBefore`
 * keeps past times out of the wheel (the server refuses them too); `date` answers "YYYY-MM-DD".
 */
export function TimeField({
  title,
  value,
  onChange,
  type = 'datetime',
  notBefore,
  spanYears = 2,
  testId,
}: {
  title: string;
  value: string;
  onChange: (text: string) => void;
  type?: 'datetime' | 'date' | 'year-month';
  notBefore?: number;
  /** How many years after the start the wheel reaches. */
  spanYears?: number;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const start = notBefore !== undefined ? toPickerDate(beijingText(notBefore)) : new Date(2020, 0, 1);
  const end = new Date(start.getFullYear() + spanYears, 11, 31);
  return (
    <View data-testid={testId}>
      <View className="time-field" role="button" onClick={() => setOpen(true)}>
        {value ? formatPicked(value) : '请选择'}
      </View>
      <DatePicker
        title={title}
        visible={open}
        type={type}
        showChinese
        minuteStep={5}
        startDate={start}
        endDate={end}
        value={toPickerDate(value)}
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => {
          const [y, mo, d, h, mi] = values.map((v) => Number(v));
          onChange(
            type === 'year-month'
              ? `${y}-${pad(mo ?? 1)}`
              : type === 'date'
                ? `${y}-${pad(mo ?? 1)}-${pad(d ?? 1)}`
                : `${y}-${pad(mo ?? 1)}-${pad(d ?? 1)} ${pad(h ?? 0)}:${pad(mi ?? 0)}`,
          );
        }}
      />
    </View>
  );
}
