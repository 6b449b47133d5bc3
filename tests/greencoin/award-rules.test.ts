import { describe, expect, it } from 'vitest';
import { checkAwardReview, checkBonusAllowed, penaltyAmount } from '../../cloudfunctions/_core/domain/greencoin';

/** The award review rules as decisions (greencoin/lib/awards.ts only loads and maps them). */
describe('award review rules', () => {
  const pending = { status: 'pending' as const, makerUserId: 'user-maker' };
  const checker = { userId: 'user-checker', manages: true };

  it('a second staff member who manages the community reviews a pending award', () => {
    expect(checkAwardReview(pending, checker)).toEqual({ ok: true, award: pending });
  });

  it('refuses one not theirs (as not found), one already reviewed, and the maker reviewing it', () => {
    expect(checkAwardReview(null, checker)).toEqual({ ok: false, code: 'NOT_FOUND', message: '评定记录不存在' });
    expect(checkAwardReview(pending, { ...checker, manages: false })).toMatchObject({ code: 'NOT_FOUND' });
    expect(checkAwardReview({ ...pending, status: 'posted' }, checker)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该评定已复核，不能重复操作',
    });
    expect(checkAwardReview(pending, { userId: 'user-maker', manages: true })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '需由另一名工作人员复核',
    });
  });

  it('a veto this month stops bonuses; a penalty takes at most what can be spent, never below zero', () => {
    expect(checkBonusAllowed(false)).toEqual({ ok: true });
    expect(checkBonusAllowed(true)).toMatchObject({
      code: 'CONFLICT',
      message: '该居民本月已被一票否决，不能再获得绿币',
    });
    expect(penaltyAmount(10, 25)).toBe(10);
    expect(penaltyAmount(10, 4)).toBe(4);
    expect(penaltyAmount(10, 0)).toBe(0);
    expect(penaltyAmount(10, -3)).toBe(0);
  });
});
