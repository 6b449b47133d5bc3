/** The pure rules of the one redemption workflow (_core/domain/redemption) and its two flows. */
import { describe, expect, it } from 'vitest';
import { GOODS_FLOW, REDEMPTION_STATUSES } from '../../cloudfunctions/_core/domain/greencoin';
import {
  checkPerPersonLimit,
  checkRequesterActive,
  checkSecondPerson,
  LEDGER_STEP,
  nextStatus,
  REDEMPTION_EVENTS,
  REDEMPTION_TABLE,
} from '../../cloudfunctions/_core/domain/redemption';
import { SERVICE_FLOW, SERVICE_REQUEST_STATUSES } from '../../cloudfunctions/_core/domain/timebank';

describe('the state table', () => {
  it('goods: every event steps only from its one status, refusals say why in Chinese', () => {
    for (const status of REDEMPTION_STATUSES) {
      for (const event of GOODS_FLOW.events) {
        const next = nextStatus(GOODS_FLOW, status, event);
        if (REDEMPTION_TABLE[event].from === status)
          expect(next).toEqual({ ok: true, status: REDEMPTION_TABLE[event].to });
        else expect(next).toMatchObject({ ok: false, code: 'CONFLICT' });
      }
    }
    expect(nextStatus(GOODS_FLOW, 'picked_up', 'approve')).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该申请已领取，不能再审核',
    });
    expect(nextStatus(GOODS_FLOW, 'rejected', 'cancel')).toMatchObject({ message: '该申请已驳回，不能再操作' });
    expect(nextStatus(GOODS_FLOW, 'requested', 'refund')).toMatchObject({
      message: '只有已通过、尚未领取的兑换可以退还',
    });
    expect(nextStatus(GOODS_FLOW, 'approved', 'lapse')).toEqual({ ok: true, status: 'expired' });
  });

  it('services use the same table without stock steps: no expire, refund, lapse or pickup', () => {
    expect(nextStatus(SERVICE_FLOW, 'approved', 'fulfil')).toEqual({ ok: true, status: 'fulfilled' });
    for (const status of SERVICE_REQUEST_STATUSES) {
      for (const event of ['expire', 'refund', 'lapse', 'pickup'] as const) {
        // Not in the flow: refused whatever the status (the cast reaches past the flow's event type on purpose).
        expect(nextStatus(SERVICE_FLOW, status, event as never)).toMatchObject({ ok: false, code: 'CONFLICT' });
      }
    }
    expect(nextStatus(SERVICE_FLOW, 'fulfilled', 'approve')).toMatchObject({ message: '该申请已服务，不能再操作' });
  });

  it('each event has one ledger step: approve captures, the unspent ends void, refund and lapse reverse', () => {
    expect(REDEMPTION_EVENTS.map((e) => LEDGER_STEP[e])).toEqual([
      'capture',
      'void',
      'void',
      'void',
      'none',
      'none',
      'reverse',
      'reverse',
    ]);
  });
});

describe('the second-person rule and limits', () => {
  it('refuses the owner, the 代办 requester and a proxy-linked account; allows anyone else', () => {
    const base = { approverId: 'staff', ownerId: 'res', linked: false };
    expect(checkSecondPerson(base)).toEqual({ ok: true });
    expect(checkSecondPerson({ ...base, ownerId: 'staff' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSecondPerson({ ...base, linked: true })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '不能审核自己（或自己代办的账号）的兑换申请',
    });
    expect(checkSecondPerson({ ...base, requestedById: 'staff' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '不能审核自己的兑换申请',
    });
  });

  it('an erased requester and a full per-person limit are refused', () => {
    expect(checkRequesterActive({ erasedAt: '2026-01-01T00:00:00.000Z' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(checkRequesterActive(null)).toMatchObject({ ok: false });
    expect(checkRequesterActive({ erasedAt: null })).toEqual({ ok: true });
    expect(checkPerPersonLimit({ already: 2, quantity: 1, limit: 3 })).toEqual({ ok: true });
    expect(checkPerPersonLimit({ already: 2, quantity: 2, limit: 3 })).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '每人限兑 3 件，已达上限',
    });
    expect(checkPerPersonLimit({ already: 99, quantity: 1, limit: 0 })).toEqual({ ok: true });
  });
});
