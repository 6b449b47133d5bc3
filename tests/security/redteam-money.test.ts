import { afterAll, describe, expect, it } from 'vitest';
import { systemOnly } from '../../cloudfunctions/_core/domain/policy';
import { LEDGER_COLLECTIONS } from '../../cloudfunctions/_core/ledger';
import type { StoredDoc } from '../../cloudfunctions/_core/store/docstore';
import { codeOf, expectLedgerInvariants, fund, key, newResident } from '../greencoin/support';
import { flatten, personaFor } from '../support/catalogue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { generate, propertiesOf, seededRng } from '../support/schema-fuzz';

// Money-like values (green coins, time points, rewards, stock, minutes): what a client can put in
// a number field once JSON is parsed (`1e309` parses to Infinity, `-0` stays -0), sent to every
// number field of every action; then the books must still balance and nothing may be negative.

const EXTREMES: Array<[label: string, value: unknown]> = [
  ['-1', -1],
  ['-0', -0],
  ['0.5', 0.5],
  ['1e309 (Infinity)', JSON.parse('1e309')],
  ['-1e309', JSON.parse('-1e309')],
  ['NaN', Number.NaN],
  ['2^53+2', 2 ** 53 + 2],
  ['1e21', 1e21],
  ['"5" (a string)', '5'],
  ['"NaN" (a string)', 'NaN'],
];

type Account = StoredDoc & { balance: number; held: number; ownerId: string; kind: string };
type Shard = StoredDoc & { stock: number; reserved: number };

async function expectNothingNegative(t: TestRuntime) {
  const accounts = await t.runtime.store.find<Account>(LEDGER_COLLECTIONS.accounts, {}, { limit: 1000 });
  for (const a of accounts) {
    // Issuers and sinks are the other side of every posting and run negative by design.
    if (a.kind !== 'user') continue;
    expect(Number.isFinite(a.balance) && a.balance >= 0, `${a._id} balance ${a.balance}`).toBe(true);
    expect(a.held >= 0 && a.held <= a.balance, `${a._id} held ${a.held} of ${a.balance}`).toBe(true);
  }
  const shards = await t.runtime.store.find<Shard>('gc_stock_shards', {}, { limit: 1000 });
  for (const s of shards) {
    expect(s.stock >= 0 && s.reserved >= 0 && s.reserved <= s.stock, `${s._id} ${s.stock}/${s.reserved}`).toBe(true);
  }
}

describe('redteam: extreme numbers in every number field of every action', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());
  const entries = flatten(t.runtime.catalogue).filter((e) => !systemOnly(e.access));

  it.each(entries.map((e) => [`${e.fn}.${e.action}`, e] as const))('%s', async (_name, entry) => {
    const schema = entry.inputSchema as Record<string, any>;
    const numeric = propertiesOf(schema).filter(([, type]) => type === 'number' || type === 'integer');
    for (const [field] of numeric) {
      for (const [label, value] of EXTREMES) {
        const payload = { ...(generate(schema, seededRng(3)) as object), [field]: value } as Record<string, unknown>;
        if ('idempotencyKey' in payload) payload.idempotencyKey = key();
        const before = t.runtime.store.stats().writes;
        const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload }, personaFor(entry));
        const where = `${entry.fn}.${entry.action} ${field}=${label}`;
        expect(codeOf(result), where).not.toBe('INTERNAL');
        // Only a value the schema admits may write (-0 is 0 to every bound; 0.5 only where fractions are allowed).
        if (!result.ok && result.error.code === 'INVALID_INPUT') {
          expect(t.runtime.store.stats().writes, `${where} wrote`).toBe(before);
        }
        if (result.ok && typeof value === 'number') {
          expect(Number.isFinite(value), `${where} was accepted`).toBe(true);
        }
      }
    }
    await expectNothingNegative(t);
  });

  it('and the books still balance', async () => {
    await expectLedgerInvariants(t.runtime.store);
    await expectNothingNegative(t);
  });
});

describe('redteam: spending one balance many times at once', () => {
  it('time points: 10 parallel service requests on a balance that covers one', async () => {
    const t = await startTestRuntime();
    try {
      const volunteer = t.as('demo-volunteer');
      const { items } = await volunteer.ok('timebank', 'service.list', {});
      const escort = items.find((s) => s.name === '陪同就医');
      if (!escort) throw new Error('seeded service missing');
      const { available } = (await volunteer.ok('timebank', 'volunteer.me', {})).points;
      const fits = Math.floor(available / escort.points);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          volunteer.call('timebank', 'service.request', { serviceId: escort.id, idempotencyKey: key() }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(fits);
      expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(Array(10 - fits).fill('INSUFFICIENT_FUNDS'));
      const points = (await volunteer.ok('timebank', 'volunteer.me', {})).points;
      expect(points.available).toBe(available - fits * escort.points);
      // Two staff approving the same request at once capture it once.
      const held = results.find((r) => r.ok);
      if (held?.ok) {
        const [a, b] = await Promise.all([
          t.as('demo-staff').call('timebank', 'service.approve', { requestId: held.data.id }),
          t.as('demo-admin').call('timebank', 'service.approve', { requestId: held.data.id }),
        ]);
        expect([codeOf(a), codeOf(b)].filter((c) => c === 'OK')).toHaveLength(1);
      }
      await expectLedgerInvariants(t.runtime.store);
      await expectNothingNegative(t);
    } finally {
      await t.close();
    }
  });

  it('a key replayed after success answers the first result; the same key with another payload is refused', async () => {
    const t = await startTestRuntime();
    try {
      const { session, userId } = await newResident(t, 'wx-replayer');
      await fund(t, userId, 3);
      const goods = (await session.ok('greencoin', 'goods.list', {})).items.find((g) => g.price <= 10);
      if (!goods) throw new Error('no goods');
      const k = key('replay');
      const first = await session.call('greencoin', 'redeem.request', {
        goodsId: goods.id,
        quantity: 1,
        idempotencyKey: k,
      });
      const writes = t.runtime.store.stats().writes;
      const again = await session.call('greencoin', 'redeem.request', {
        goodsId: goods.id,
        quantity: 1,
        idempotencyKey: k,
      });
      expect(again).toEqual(first);
      expect(t.runtime.store.stats().writes).toBe(writes);
      const other = await session.call('greencoin', 'redeem.request', {
        goodsId: goods.id,
        quantity: 2,
        idempotencyKey: k,
      });
      expect(codeOf(other)).toBe('CONFLICT');
      expect(t.runtime.store.stats().writes).toBe(writes);
      await expectLedgerInvariants(t.runtime.store);
    } finally {
      await t.close();
    }
  });
});
