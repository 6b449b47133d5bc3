import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, type AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import { GC_COLLECTIONS, type RedemptionDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { type ApplicationDoc, SERVICE_COLLECTIONS } from '../../cloudfunctions/_core/domain/services';
import { GUESS_COLLECTION } from '../../cloudfunctions/_core/runtime/guesses';
import { DEMO } from '../../local/seed';
import { photo } from '../functions/reports.support';
import { codeOf, fund, key, newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Staff type the six-digit pickup code the resident shows at the counter. A staff account (or a
// client firing requests for it) guessing codes would hand someone else's goods or papers over, so
// wrong codes are capped like check-in codes: per (staff, redemption), per redemption, and per
// (staff, community) when the code alone is typed, under parallel requests too. A refused guess
// names the time to try again and writes nothing; the lockout is audited once.

const MIN = 60_000;
const GUESSES = 40;
const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
const messageOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : (r.error?.message ?? ''));
const RETRY = /^领取码错误次数过多，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后再试/;

describe('pickup codes typed by staff cannot be guessed', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  async function approved(openid: string) {
    const r = await newResident(t, openid);
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    await t.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    // The code is the resident's: only their own list shows it.
    const mine = await r.session.ok('greencoin', 'redeem.mine', {});
    return { id: asked.id, code: mine.items.find((i) => i.id === asked.id)?.pickupCode ?? '' };
  }
  const redemption = (id: string) => t.runtime.store.get<RedemptionDoc>(GC_COLLECTIONS.redemptions, id);
  const snapshot = async (id: string) => ({
    redemption: await redemption(id),
    guesses: await t.runtime.store.find(GUESS_COLLECTION, {}, { limit: 1000 }),
    audit: await t.runtime.store.count(AUDIT_COLLECTION, {}),
  });
  async function newStaff(openid: string) {
    const s = await newResident(t, openid);
    await t
      .as('demo-admin')
      .ok('admin', 'role.grant', { userId: s.userId, role: 'staff', communityId: DEMO.communityA });
    return s.session;
  }

  it('the approving staff member is not told the code, not even by replaying the approval', async () => {
    const r = await newResident(t, 'pickup-approver');
    await fund(t, r.userId, 2);
    const asked = await r.session.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: key(),
    });
    const approval = { redemptionId: asked.id, idempotencyKey: key('approve') };
    const approved = await t.as('demo-staff').ok('greencoin', 'redeem.approve', approval);
    expect(approved.status).toBe('approved');
    expect(approved.pickupCode).toBeNull();
    expect((await t.as('demo-staff').ok('greencoin', 'redeem.approve', approval)).pickupCode).toBeNull();
    const queue = await t.as('demo-staff').ok('greencoin', 'redeem.queue', { status: 'approved' });
    expect(queue.items.every((i) => i.pickupCode === null)).toBe(true);
    // The resident has it, and the message telling them of the approval.
    const mine = await r.session.ok('greencoin', 'redeem.mine', {});
    expect(mine.items[0]?.pickupCode).toMatch(/^\d{6}$/);
  });

  it('redeem.pickup with the request named: of 40 parallel wrong codes at most 5 are compared', async () => {
    const r = await approved('pickup-guess-1');
    const staff = t.as('demo-staff');
    const results = await Promise.all(
      wrongCodes(r.code, GUESSES).map((pickupCode) =>
        staff.call('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode }),
      ),
    );
    const compared = results.filter((x) => codeOf(x) === 'NOT_FOUND').length;
    expect(compared, 'wrong codes compared with the real one').toBeLessThanOrEqual(5);
    expect(compared).toBeGreaterThan(0);
    const refused = results.filter((x) => codeOf(x) === 'RATE_LIMITED');
    expect(refused.length).toBe(GUESSES - compared);
    expect(messageOf(refused[0] ?? { ok: true })).toMatch(RETRY);
    // Locked out: even the right code is refused for this staff member, and the refusal writes nothing.
    const before = await snapshot(r.id);
    expect(codeOf(await staff.call('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode: r.code }))).toBe(
      'RATE_LIMITED',
    );
    expect(await snapshot(r.id)).toEqual(before);
    expect((await redemption(r.id))?.status).toBe('approved');
    // The lockout is audited once, naming the request.
    const locks = await t.runtime.store.find<AuditDoc>(
      AUDIT_COLLECTION,
      { action: 'redeem.pickup.locked' },
      { limit: 10 },
    );
    expect(locks.map((a) => a.target.id)).toEqual([r.id]);
    // Another staff member still hands the goods over with the right code.
    const other = await newStaff('pickup-guess-clerk');
    expect((await other.ok('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode: r.code })).status).toBe(
      'picked_up',
    );
  });

  it('the right code after a few wrong ones works; after the window the locked staff may try again', async () => {
    const r = await approved('pickup-guess-2');
    const staff = t.as('demo-staff');
    for (const pickupCode of wrongCodes(r.code, 3)) {
      expect(codeOf(await staff.call('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode }))).toBe(
        'NOT_FOUND',
      );
    }
    expect((await staff.ok('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode: r.code })).status).toBe(
      'picked_up',
    );

    const s = await approved('pickup-guess-3');
    for (const pickupCode of wrongCodes(s.code, 5))
      await staff.call('greencoin', 'redeem.pickup', { redemptionId: s.id, pickupCode });
    const locked = await staff.call('greencoin', 'redeem.pickup', { redemptionId: s.id, pickupCode: s.code });
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    t.clock.advance(31 * MIN);
    expect((await staff.ok('greencoin', 'redeem.pickup', { redemptionId: s.id, pickupCode: s.code })).status).toBe(
      'picked_up',
    );
  });

  it('per redemption: three staff members together compare at most 10 wrong codes', async () => {
    const r = await approved('pickup-guess-4');
    const clerks = [t.as('demo-staff'), await newStaff('pickup-clerk-a'), await newStaff('pickup-clerk-b')];
    const results = await Promise.all(
      clerks.flatMap((clerk, n) =>
        wrongCodes(String((Number(r.code) + 100 * (n + 1)) % 1_000_000).padStart(6, '0'), 20)
          .filter((c) => c !== r.code)
          .map((pickupCode) => clerk.call('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode })),
      ),
    );
    expect(results.filter((x) => codeOf(x) === 'NOT_FOUND').length).toBeLessThanOrEqual(10);
    // Every clerk is now refused, whether their own cap or the request's was reached.
    for (const clerk of clerks) {
      expect(codeOf(await clerk.call('greencoin', 'redeem.pickup', { redemptionId: r.id, pickupCode: r.code }))).toBe(
        'RATE_LIMITED',
      );
    }
    expect((await redemption(r.id))?.status).toBe('approved');
  });

  it('redeem.pickup by the code alone: of 40 parallel wrong codes at most 10 are looked up', async () => {
    const r = await approved('pickup-guess-5');
    const staff = t.as('demo-staff');
    const results = await Promise.all(
      wrongCodes(r.code, GUESSES).map((pickupCode) => staff.call('greencoin', 'redeem.pickup', { pickupCode })),
    );
    const compared = results.filter((x) => codeOf(x) === 'NOT_FOUND').length;
    expect(compared).toBeLessThanOrEqual(10);
    expect(results.filter((x) => codeOf(x) === 'RATE_LIMITED').length).toBe(GUESSES - compared);
    expect(codeOf(await staff.call('greencoin', 'redeem.pickup', { pickupCode: r.code }))).toBe('RATE_LIMITED');
    t.clock.advance(31 * MIN);
    expect((await staff.ok('greencoin', 'redeem.pickup', { pickupCode: r.code })).status).toBe('picked_up');
  });

  it('services.collect: of 40 parallel wrong codes at most 10 are looked up; nothing is collected', async () => {
    const files = await Promise.all([photo(t), photo(t), photo(t)]);
    const app = await t.as('demo-resident').ok('services', 'apply', {
      itemId: 'svc-residence-xiaoxiang',
      materials: [
        { name: '居民身份证', fileIds: [files[0] as string] },
        { name: '户口簿或房屋产权证明', fileIds: [files[1] as string] },
        { name: '租房合同（租住的提供）', fileIds: [files[2] as string] },
      ],
      note: '',
      key: key('svc'),
    });
    await t.as('demo-staff').ok('services', 'accept', { applicationId: app.id });
    await t.as('demo-staff').ok('services', 'approve', { applicationId: app.id });
    const right = (await t.as('demo-resident').ok('services', 'detail', { applicationId: app.id })).application
      .pickupCode as string;
    const staff = t.as('demo-staff');
    const results = await Promise.all(
      wrongCodes(right, GUESSES).map((pickupCode) => staff.call('services', 'collect', { pickupCode })),
    );
    const compared = results.filter((x) => codeOf(x) === 'NOT_FOUND').length;
    expect(compared).toBeLessThanOrEqual(10);
    const refused = results.filter((x) => codeOf(x) === 'RATE_LIMITED');
    expect(refused.length).toBe(GUESSES - compared);
    expect(messageOf(refused[0] ?? { ok: true })).toMatch(RETRY);
    const stored = await t.runtime.store.get<ApplicationDoc>(SERVICE_COLLECTIONS.applications, app.id);
    expect(stored?.status).toBe('approved');
    const locks = await t.runtime.store.count(AUDIT_COLLECTION, { action: 'services.collect.locked' });
    expect(locks).toBe(1);
    t.clock.advance(31 * MIN);
    expect((await staff.ok('services', 'collect', { pickupCode: right })).status).toBe('collected');
  });
});
