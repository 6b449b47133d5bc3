/**
 * Issue 17: the real handlers on the CloudBase adapter against the concurrent loopback (snapshot
 * reads, first committer wins), with a small per-call latency so transactions really interleave.
 * Capacity is never exceeded and no place is lost however sign-ups and cancellations race.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionDoc, StockShardDoc } from '../../cloudfunctions/_core/domain/greencoin';
import { COLLECTIONS } from '../../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import {
  type ActivityDoc,
  type SignupDoc,
  type SlotDoc,
  TB_COLLECTIONS,
} from '../../cloudfunctions/_core/domain/timebank';
import { issuerAccount, post, userAccount } from '../../cloudfunctions/_core/ledger';
import { systemClock } from '../../cloudfunctions/_core/runtime/clock';
import { type CloudbaseDatabase, createCloudbaseStore } from '../../cloudfunctions/_core/store/cloudbase';
import { declaredCollections } from '../../cloudfunctions/_core/store/collections';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { DEMO, seedDemo } from '../../local/seed';
import { startTcbLoopback, type TcbLoopback } from '../support/tcb-loopback';

const PEOPLE = 12;
let loopback: TcbLoopback;
let runtime: LocalRuntime;
let retries = 0;
const openids = Array.from({ length: PEOPLE }, (_, i) => `hot-volunteer-${i}`);

// Envelopes of several actions, read field by field.
async function call(openid: string, fn: string, action: string, payload: unknown): Promise<any> {
  return runtime.invoke(fn, { action, payload }, openid);
}
async function ok(openid: string, fn: string, action: string, payload: unknown) {
  const answer = await call(openid, fn, action, payload);
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  loopback = await startTcbLoopback({ collections: declaredCollections() });
  await seedDemo(loopback.backing, systemClock);
  const store = createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase, { onRetry: () => (retries += 1) });
  runtime = await createLocalRuntime({ dataDir: ':memory:', seed: false, wrapStore: (() => store) as never });
  for (const [i, openid] of openids.entries()) {
    await ok(openid, 'identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    await ok(openid, 'identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA1 });
    await ok(openid, 'timebank', 'volunteer.register', {
      realName: `并发志愿者${i}`,
      skills: [],
      availability: '周末',
      consent: true,
    });
  }
  for (const [i, openid] of openids.entries()) {
    const identity = await loopback.backing.get<{ _id: string; userId: string }>(COLLECTIONS.identities, openid);
    await loopback.backing.runTransaction((tx) =>
      post(tx, {
        id: `hot-fund-${i}`,
        currency: 'GC',
        from: issuerAccount('GC', DEMO.communityA),
        to: userAccount('GC', identity?.userId as string),
        amount: 1000,
        reason: '并发测试绿币',
        kind: 'award',
        at: new Date().toISOString(),
      }),
    );
  }
  loopback.setLatency(2);
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await loopback?.close();
});

async function newActivity(slots: number): Promise<string> {
  const created = await ok('demo-staff', 'timebank', 'activity.create', {
    title: '并发报名测试',
    place: '潇湘社区广场',
    startsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 4 * 3600_000).toISOString(),
    slots,
  });
  return created.id;
}

/** What the store holds for one activity, checked against each other. */
async function expectConsistent(activityId: string, slots: number) {
  const store = loopback.backing;
  const activity = (await store.get<ActivityDoc>(TB_COLLECTIONS.activities, activityId)) as ActivityDoc;
  const signups = await store.find<SignupDoc>(TB_COLLECTIONS.signups, { activityId }, { limit: 1000 });
  const claims = await store.find<SlotDoc>(TB_COLLECTIONS.slots, { activityId }, { limit: 1000 });
  const signed = signups.filter((s) => s.status === 'signed');
  const waiting = signups.filter((s) => s.status === 'waiting');
  // Never more than capacity, and every signed person holds exactly their own slot in range.
  expect(signed.length).toBeLessThanOrEqual(slots);
  expect(claims.length).toBe(signed.length);
  expect(new Set(claims.map((c) => c.slot)).size).toBe(claims.length);
  for (const c of claims) expect(c.slot >= 0 && c.slot < slots).toBe(true);
  expect(new Map(claims.map((c) => [c.userId, c.slot]))).toEqual(new Map(signed.map((s) => [s.userId, s.slot])));
  // The waiting list is exactly the waiting sign-ups, and nobody waits beside a free place.
  expect([...activity.waitlist].sort()).toEqual(waiting.map((s) => s.userId).sort());
  if (waiting.length > 0) expect(signed.length).toBe(slots);
  return { signed: signed.map((s) => s.userId), waiting: activity.waitlist };
}

describe('activity places on the concurrent CloudBase loopback (issue 17)', () => {
  it('simultaneous sign-ups of different people write no common document: no retries, all placed', async () => {
    const activityId = await newActivity(PEOPLE);
    const before = loopback.hotDocuments(100).filter((l) => l.includes(activityId)).length;
    const answers = await Promise.all(openids.map((o) => call(o, 'timebank', 'activity.signUp', { activityId })));
    expect(answers.map((a) => a.ok)).toEqual(openids.map(() => true));
    const { signed } = await expectConsistent(activityId, PEOPLE);
    expect(signed).toHaveLength(PEOPLE);
    // The activity document itself is never the lost side of a conflict.
    expect(loopback.hotDocuments(100).filter((l) => l.startsWith(`tb_activities/${activityId}`))).toHaveLength(before);
  }, 60_000);

  it('property: racing sign-ups and cancellations never exceed capacity and lose no place', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.subarray(openids, { minLength: 1 }),
        fc.subarray(openids),
        async (slots, first, second) => {
          const activityId = await newActivity(slots);
          const one = await Promise.all(first.map((o) => call(o, 'timebank', 'activity.signUp', { activityId })));
          for (const a of one) expect(a.error?.code ?? 'ok').toBe('ok');
          const after = await expectConsistent(activityId, slots);
          expect(after.signed).toHaveLength(Math.min(slots, first.length));
          // Then at once: some of them cancel while others (and some cancelling ones) sign up again.
          const cancelling = first.filter((o) => second.includes(o));
          const joining = second;
          await Promise.all([
            ...cancelling.map((o) => call(o, 'timebank', 'activity.cancelSignUp', { activityId })),
            ...joining.map((o) => call(o, 'timebank', 'activity.signUp', { activityId })),
          ]);
          const end = await expectConsistent(activityId, slots);
          const signups = await loopback.backing.find<SignupDoc>(
            TB_COLLECTIONS.signups,
            { activityId, status: { $in: ['signed', 'waiting'] } },
            { limit: 1000 },
          );
          // No place lost: as many signed as capacity allows among those still in.
          expect(end.signed).toHaveLength(Math.min(slots, signups.length));
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});

describe('goods stock on the concurrent CloudBase loopback (issue 17)', () => {
  async function newGoods(stock: number): Promise<string> {
    const saved = await ok('demo-staff', 'greencoin', 'goods.save', {
      name: '并发兑换测试品',
      price: 5,
      limitPerPerson: 0,
      limitPeriod: 'none',
      initialStock: stock,
    });
    return saved.id;
  }
  async function shards(goodsId: string) {
    return loopback.backing.find<StockShardDoc>('gc_stock_shards', { goodsId }, { limit: 100 });
  }

  it('property: simultaneous requests and decisions never oversell, never go negative, and lose no unit', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 14 }),
        fc.subarray(openids, { minLength: 1 }),
        async (stock, crowd) => {
          n += 1;
          const goodsId = await newGoods(stock);
          const answers = await Promise.all(
            crowd.map((o) =>
              call(o, 'greencoin', 'redeem.request', { goodsId, quantity: 1, idempotencyKey: `hot-${n}-${o}` }),
            ),
          );
          const granted = answers.filter((a) => a.ok);
          // Exactly as many as there were units (contention is not an answer), the rest OUT_OF_STOCK.
          expect(granted).toHaveLength(Math.min(stock, crowd.length));
          for (const a of answers) if (!a.ok) expect(a.error.code).toBe('OUT_OF_STOCK');
          const held = await shards(goodsId);
          expect(held.reduce((s, d) => s + d.stock, 0)).toBe(stock);
          expect(held.reduce((s, d) => s + d.reserved, 0)).toBe(granted.length);
          // Then at once: staff approve half, the others cancel theirs; stock only leaves by approval.
          const decisions = await Promise.all(
            granted.map((a, i) => {
              const owner = crowd[answers.indexOf(a)] as string;
              return i % 2 === 0
                ? call('demo-staff', 'greencoin', 'redeem.approve', {
                    redemptionId: a.data.id,
                    idempotencyKey: `hot-approve-${n}-${i}`,
                  })
                : call(owner, 'greencoin', 'redeem.cancel', {
                    redemptionId: a.data.id,
                    idempotencyKey: `hot-c-${n}-${i}`,
                  });
            }),
          );
          for (const d of decisions) expect(d.error?.code ?? 'ok').toBe('ok');
          const approved = Math.ceil(granted.length / 2);
          const after = await shards(goodsId);
          for (const d of after) expect(d.stock >= d.reserved && d.reserved >= 0).toBe(true);
          expect(after.reduce((s, d) => s + d.reserved, 0)).toBe(0);
          expect(after.reduce((s, d) => s + d.stock, 0)).toBe(stock - approved);
          const open = await loopback.backing.find<RedemptionDoc>('gc_redemptions', { goodsId }, { limit: 100 });
          expect(open.filter((r) => r.status === 'approved')).toHaveLength(approved);
        },
      ),
      { numRuns: 10 },
    );
  }, 240_000);
});
