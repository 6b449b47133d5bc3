/**
 * Property-based tests of the ledger: random command sequences against the real embedded store,
 * with transaction conflicts injected (so every body is also shown to be retry-safe), checked
 * against a simple model and the ledger invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idempotent, requestHash } from '../../cloudfunctions/_core/idempotency';
import {
  balanceOf,
  captureHold,
  hold,
  issuerAccount,
  LedgerError,
  post,
  reversePosting,
  sinkAccount,
  transferLegs,
  userAccount,
  validateLegs,
  voidHold,
} from '../../cloudfunctions/_core/ledger';
import { AppError } from '../../cloudfunctions/_core/runtime/errors';
import { withInjectedConflicts } from '../../cloudfunctions/_core/store/conflicts';
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';
import { expectLedgerInvariants } from './support';

const USERS = ['u1', 'u2', 'u3'];
const C = 'community-x';

type Command =
  | { op: 'award'; user: number; amount: number }
  | { op: 'deduct'; user: number; amount: number }
  | { op: 'transfer'; from: number; to: number; amount: number }
  | { op: 'hold'; user: number; amount: number }
  | { op: 'capture'; hold: number }
  | { op: 'void'; hold: number }
  | { op: 'reverse'; posting: number }
  | { op: 'replay'; command: number };

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const amount = fc.integer({ min: 1, max: 60 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('award' as const), user, amount }),
  fc.record({ op: fc.constant('deduct' as const), user, amount }),
  fc.record({ op: fc.constant('transfer' as const), from: user, to: user, amount }),
  fc.record({ op: fc.constant('hold' as const), user, amount }),
  fc.record({ op: fc.constant('capture' as const), hold: fc.nat(20) }),
  fc.record({ op: fc.constant('void' as const), hold: fc.nat(20) }),
  fc.record({ op: fc.constant('reverse' as const), posting: fc.nat(20) }),
  fc.record({ op: fc.constant('replay' as const), command: fc.nat(30) }),
);

describe('ledger properties (fast-check, embedded store, injected conflicts)', () => {
  it('postings are balanced, balances equal their entries, no user is overdrawn, the model agrees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        async (commands, seed) => {
          const inner = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });
          const store = withInjectedConflicts(inner, { probability: 0.15, seed, maxPerTransaction: 2 });
          const model = new Map<string, { balance: number; held: number }>();
          const acct = (id: string) => {
            let a = model.get(id);
            if (!a) {
              a = { balance: 0, held: 0 };
              model.set(id, a);
            }
            return a;
          };
          const holds: Array<{ id: string; account: string; to: string; amount: number; status: 'pending' | 'done' }> =
            [];
          const postings: Array<{ id: string; legs: Array<{ accountId: string; amount: number }>; reversed: boolean }> =
            [];
          const outcomes: Array<{ key: string; request: unknown; result: unknown }> = [];
          let n = 0;
          const id = () => {
            n += 1;
            return `id${n}`;
          };
          const at = '2026-01-05T01:00:00.000Z';

          const apply = async (cmd: Command, index: number): Promise<void> => {
            const key = `k${index}`;
            const run = (body: Parameters<typeof idempotent>[2]) =>
              idempotent(store, { scope: 'test', key, request: cmd, at }, body).then(
                (result) => ({ ok: true as const, result }),
                (error: unknown) => {
                  if (error instanceof AppError) return { ok: false as const, code: error.code };
                  throw error;
                },
              );
            if (cmd.op === 'replay') {
              const earlier = outcomes[cmd.command % Math.max(outcomes.length, 1)];
              if (!earlier) return;
              // Same key, same request: the stored outcome, nothing new written.
              const before = await inner.count('ledger_entries', {});
              const again = await idempotent(
                store,
                { scope: 'test', key: earlier.key, request: earlier.request, at },
                async () => {
                  throw new Error('body must not run on a replay');
                },
              ).then(
                (r) => ({ ok: true, r }),
                (e: AppError) => ({ ok: false, r: e.code }),
              );
              expect(again.r).toEqual(earlier.result);
              expect(await inner.count('ledger_entries', {})).toBe(before);
              return;
            }
            const postingId = id();
            if (cmd.op === 'award' || cmd.op === 'deduct' || cmd.op === 'transfer') {
              const [from, to] =
                cmd.op === 'award'
                  ? [issuerAccount('GC', C), userAccount('GC', USERS[cmd.user] ?? '')]
                  : cmd.op === 'deduct'
                    ? [userAccount('GC', USERS[cmd.user] ?? ''), issuerAccount('GC', C)]
                    : [userAccount('GC', USERS[cmd.from] ?? ''), userAccount('GC', USERS[cmd.to] ?? '')];
              const expectOk =
                from !== to && (from.includes(':issuer:') || acct(from).balance - acct(from).held >= cmd.amount);
              const out = await run((tx) =>
                post(tx, {
                  id: postingId,
                  currency: 'GC',
                  from,
                  to,
                  amount: cmd.amount,
                  reason: cmd.op,
                  kind: cmd.op,
                  at,
                }),
              );
              expect(out.ok).toBe(expectOk);
              outcomes.push({ key, request: cmd, result: out.ok ? JSON.parse(JSON.stringify(out.result)) : out.code });
              if (out.ok) {
                acct(from).balance -= cmd.amount;
                acct(to).balance += cmd.amount;
                postings.push({ id: postingId, legs: transferLegs(from, to, cmd.amount), reversed: false });
              }
              return;
            }
            if (cmd.op === 'hold') {
              const from = userAccount('GC', USERS[cmd.user] ?? '');
              const to = sinkAccount('GC', C);
              const expectOk = acct(from).balance - acct(from).held >= cmd.amount;
              const holdId = id();
              const out = await run((tx) =>
                hold(tx, {
                  id: holdId,
                  currency: 'GC',
                  from,
                  to,
                  amount: cmd.amount,
                  reason: 'hold',
                  kind: 'redeem',
                  at,
                }),
              );
              expect(out.ok).toBe(expectOk);
              outcomes.push({ key, request: cmd, result: out.ok ? JSON.parse(JSON.stringify(out.result)) : out.code });
              if (out.ok) {
                acct(from).held += cmd.amount;
                holds.push({ id: holdId, account: from, to, amount: cmd.amount, status: 'pending' });
              }
              return;
            }
            if (cmd.op === 'capture' || cmd.op === 'void') {
              const h = holds[cmd.hold % Math.max(holds.length, 1)];
              if (!h) return;
              const out = await run((tx) =>
                cmd.op === 'capture'
                  ? captureHold(tx, h.id, { postingId, at })
                  : voidHold(tx, h.id, { at, reason: 'test' }),
              );
              expect(out.ok).toBe(h.status === 'pending');
              outcomes.push({ key, request: cmd, result: out.ok ? JSON.parse(JSON.stringify(out.result)) : out.code });
              if (out.ok) {
                h.status = 'done';
                acct(h.account).held -= h.amount;
                if (cmd.op === 'capture') {
                  acct(h.account).balance -= h.amount;
                  acct(h.to).balance += h.amount;
                  postings.push({ id: postingId, legs: transferLegs(h.account, h.to, h.amount), reversed: false });
                }
              }
              return;
            }
            const p = postings[cmd.posting % Math.max(postings.length, 1)];
            if (!p) return;
            const expectOk = p.legs.every(
              (l) =>
                l.accountId.includes(':issuer:') || acct(l.accountId).balance - acct(l.accountId).held - l.amount >= 0,
            );
            const out = await run((tx) => reversePosting(tx, p.id, { id: postingId, at, reason: '更正' }));
            expect(out.ok).toBe(expectOk);
            outcomes.push({ key, request: cmd, result: out.ok ? JSON.parse(JSON.stringify(out.result)) : out.code });
            if (out.ok) {
              for (const l of p.legs) acct(l.accountId).balance -= l.amount;
              postings.push({ id: postingId, legs: p.legs.map((l) => ({ ...l, amount: -l.amount })), reversed: false });
            }
          };

          for (const [i, cmd] of commands.entries()) await apply(cmd, i);
          await expectLedgerInvariants(inner);
          for (const [accountId, expected] of model) {
            const actual = await balanceOf(inner, accountId);
            expect({ balance: actual.balance, held: actual.held }).toEqual(expected);
          }
          await inner.close();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('legs validation: any balanced set passes, any unbalanced one is refused', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -1000, max: 1000 }).filter((x) => x !== 0),
          { minLength: 1, maxLength: 6 },
        ),
        (amounts) => {
          const legs = amounts.map((a, i) => ({ accountId: userAccount('GC', `p${i}`), amount: a }));
          const sum = amounts.reduce((s, a) => s + a, 0);
          if (sum !== 0) legs.push({ accountId: issuerAccount('GC', 'c'), amount: -sum });
          expect(() => validateLegs('GC', legs)).not.toThrow();
          const broken = [...legs, { accountId: sinkAccount('GC', 'c'), amount: 1 }];
          expect(() => validateLegs('GC', broken)).toThrow(LedgerError);
        },
      ),
    );
  });

  it('request fingerprints ignore key order and see every value change', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 6 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(requestHash(reversed)).toBe(requestHash(obj));
        expect(requestHash({ ...obj, __extra: 1 })).not.toBe(requestHash(obj));
      }),
    );
  });

  it("two first calls racing on one key (stale snapshot, colliding insert): the loser answers with the winner's outcome", async () => {
    const inner = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });
    const at = '2026-01-05T01:00:00.000Z';
    const request = { action: 'award', amount: 5 };
    // The winner committed its record (and its posting) after the loser's snapshot was taken.
    await inner.runTransaction(async (tx) => {
      await post(tx, {
        id: 'p-winner',
        currency: 'GC',
        from: issuerAccount('GC', C),
        to: userAccount('GC', 'u1'),
        amount: 5,
        reason: 'x',
        kind: 'award',
        at,
      });
      await tx.insert('idempotency', {
        _id: 'test|race',
        requestHash: requestHash(request),
        status: 'succeeded',
        result: { id: 'p-winner' },
        error: null,
        createdAt: at,
      });
    });
    let stale = true;
    const racing = Object.create(inner) as typeof inner;
    racing.runTransaction = (body) =>
      inner.runTransaction((tx) => {
        const view = stale
          ? {
              ...tx,
              get: (async (c: string, id: string) => (c === 'idempotency' ? null : tx.get(c, id))) as typeof tx.get,
              insert: tx.insert.bind(tx),
              updateById: tx.updateById.bind(tx),
              removeById: tx.removeById.bind(tx),
            }
          : tx;
        stale = false;
        return body(view);
      });
    const result = await idempotent(racing, { scope: 'test', key: 'race', request, at }, (tx) =>
      post(tx, {
        id: 'p-loser',
        currency: 'GC',
        from: issuerAccount('GC', C),
        to: userAccount('GC', 'u1'),
        amount: 5,
        reason: 'x',
        kind: 'award',
        at,
      }).then((p) => ({ id: p.id })),
    );
    expect(result).toEqual({ id: 'p-winner' });
    expect((await balanceOf(inner, userAccount('GC', 'u1'))).balance).toBe(5);
    await expectLedgerInvariants(inner);
    await inner.close();
  });
});

describe('no hot documents: the community side of a posting is the person’s own sub-account', () => {
  it('postings of different residents write disjoint documents; the community balance is the sum of its sub-accounts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            user: fc.constantFrom('u1', 'u2', 'u3'),
            op: fc.constantFrom('award', 'deduct', 'redeem'),
            amount: fc.integer({ min: 1, max: 20 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (commands) => {
          const inner = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });
          const written = new Map<string, Set<string>>();
          let n = 0;
          let issued = 0;
          let redeemed = 0;
          for (const cmd of commands) {
            n += 1;
            const user = userAccount('GC', cmd.user);
            const [from, to] =
              cmd.op === 'award'
                ? [issuerAccount('GC', C), user]
                : cmd.op === 'deduct'
                  ? [user, issuerAccount('GC', C)]
                  : [user, sinkAccount('GC', C)];
            const posted = await inner
              .runTransaction((tx) =>
                post(tx, {
                  id: `p${n}`,
                  currency: 'GC',
                  from,
                  to,
                  amount: cmd.amount,
                  reason: cmd.op,
                  kind: cmd.op,
                  at: '2026-01-05T01:00:00.000Z',
                }),
              )
              .then(
                (p) => p,
                () => null,
              );
            if (!posted) continue;
            if (cmd.op === 'award') issued += cmd.amount;
            if (cmd.op === 'deduct') issued -= cmd.amount;
            if (cmd.op === 'redeem') redeemed += cmd.amount;
            const docs = written.get(cmd.user) ?? new Set<string>();
            for (const leg of posted.legs) docs.add(leg.accountId);
            written.set(cmd.user, docs);
          }
          const people = [...written.keys()];
          for (const a of people)
            for (const b of people) {
              if (a === b) continue;
              const shared = [...(written.get(a) ?? [])].filter((id) => written.get(b)?.has(id));
              expect(shared, `${a} and ${b} share`).toEqual([]);
            }
          expect((await balanceOf(inner, issuerAccount('GC', C))).balance + issued).toBe(0);
          expect((await balanceOf(inner, sinkAccount('GC', C))).balance).toBe(redeemed);
          await expect(balanceOf({ get: inner.get }, issuerAccount('GC', C))).rejects.toThrow(/sub-accounts/);
          await expectLedgerInvariants(inner);
          await inner.close();
        },
      ),
      { numRuns: 30 },
    );
  });
});
