import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQr, qrText } from '../../src/services/qr';
import { fund, key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('pickup: place, hours and deadline with the code', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('an approved redemption shows where, when and until when to collect; the QR carries its code', async () => {
    const r = await newResident(t, 'pickup-01');
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    let mine = await r.session.ok('greencoin', 'redeem.mine', {});
    expect(mine.items[0]?.pickup).toBeNull();
    await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    const approvedAt = t.clock.now().getTime();
    mine = await r.session.ok('greencoin', 'redeem.mine', {});
    const item = mine.items[0];
    expect(item?.pickup).toEqual({
      place: '潇湘社区党群服务中心一楼爱心超市',
      hours: '周一至周六 9:00–12:00、14:30–17:30',
      deadline: new Date(approvedAt + 7 * 86_400_000).toISOString(),
    });
    const code = item?.pickupCode ?? '';
    const scanned = parseQr(qrText({ kind: 'pickup', code }));
    expect(scanned).toEqual({ kind: 'pickup', code });
    // The scanned code is the one staff confirm with.
    const picked = await t.as('demo-staff').ok('greencoin', 'redeem.pickup', { pickupCode: code });
    expect(picked.status).toBe('picked_up');
  });

  it('QR payloads: ours round-trip, anything else is refused', () => {
    const checkin = { kind: 'checkin' as const, activityId: 'act-1', code: '012345' };
    expect(parseQr(qrText(checkin))).toEqual(checkin);
    expect(parseQr('https://example.com/pay')).toBeNull();
    expect(parseQr('GZ1|checkin|act-1|12345')).toBeNull();
    expect(parseQr('GZ1|checkin|act 1|123456')).toBeNull();
    expect(parseQr('GZ1|pickup|abc123')).toBeNull();
  });
});
