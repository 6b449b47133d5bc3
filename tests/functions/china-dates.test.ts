import { describe, expect, it } from 'vitest';
import { chinaMinute } from '../../cloudfunctions/_core/domain/greencoin';
import { chinaDateText, chinaMinuteText } from '../../cloudfunctions/_core/domain/reports/sla';

describe('dates in messages read in words, in China time', () => {
  it('writes 年月日 without leading zeros, on the China day even before 08:00 China time', () => {
    // 2026-12-04T17:30Z is 2026-12-05 01:30 in China: the UTC day would be a day early.
    const at = new Date('2026-12-04T17:30:00Z');
    expect(chinaDateText(at)).toBe('2026年12月5日');
    expect(chinaMinuteText(at)).toBe('2026年12月5日 01:30');
    expect(chinaDateText(new Date('2027-01-01T00:00:00+08:00'))).toBe('2027年1月1日');
  });

  it('the pickup deadline of a redemption message uses the same words', () => {
    expect(chinaMinute('2026-12-08T06:30:00.000Z')).toBe('2026年12月8日 14:30');
  });
});
