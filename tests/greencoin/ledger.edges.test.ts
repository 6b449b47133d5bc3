/**
 * The ledger's edges: it throws only LedgerError (mapped to the gateway's codes at the action edge,
 * in one table), holds are resolved by appending a record, and the one invariant check
 * (`checkLedgerInvariants`, also behind `ledger.reconcile`) sees a tampered book.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  captureHold,
  checkLedgerInvariants,
  hold,
  holdResolutionId,
  issuerAccount,
  LEDGER_COLLECTIONS,
  LEDGER_ERROR_KINDS,
  LedgerError,
  post,
  readHold,
  reversePosting,
  sinkAccount,
  userAccount,
  voidHold,
} from '../../cloudfunctions/_core/ledger';
import { toAppError } from '../../cloudfunctions/_core/runtime/edge';
import { AppError } from '../../cloudfunctions/_core/runtime/errors';
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';

const at = '2026-01-05T01:00:00.000Z';
const C = 'community-x';

async function funded(amount: number) {
  const store = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });
  await store.runTransaction((tx) =>
    post(tx, {
      id: 'p-award',
      currency: 'GC',
      from: issuerAccount('GC', C),
      to: userAccount('GC', 'u1'),
      amount,
      reason: '测试发放',
      kind: 'award',
      at,
    }),
  );
  return store;
}

const openHold = (store: Awaited<ReturnType<typeof funded>>, id: string, amount: number) =>
  store.runTransaction((tx) =>
    hold(tx, {
      id,
      currency: 'GC',
      from: userAccount('GC', 'u1'),
      to: sinkAccount('GC', C),
      amount,
      reason: '兑换',
      kind: 'redeem',
      at,
    }),
  );

const kindOf = (error: unknown) => (error instanceof LedgerError ? error.kind : error);

describe('the ledger throws its own errors, mapped once at the edge', () => {
  it('each refusal is a LedgerError with a kind, no Chinese text and no gateway code', async () => {
    const store = await funded(10);
    const refusals = [
      await store
        .runTransaction((tx) =>
          post(tx, {
            id: 'p-over',
            currency: 'GC',
            from: userAccount('GC', 'u1'),
            to: sinkAccount('GC', C),
            amount: 11,
            reason: 'x',
            kind: 'redeem',
            at,
          }),
        )
        .catch((e: unknown) => e),
      await openHold(store, 'h-over', 11).catch((e: unknown) => e),
      await store.runTransaction((tx) => voidHold(tx, 'h-missing', { at, reason: 'x' })).catch((e: unknown) => e),
      await store
        .runTransaction((tx) => reversePosting(tx, 'p-missing', { id: 'p-r', at, reason: 'x' }))
        .catch((e: unknown) => e),
    ];
    expect(refusals.map(kindOf)).toEqual([
      'insufficient_funds',
      'insufficient_funds',
      'hold_not_found',
      'posting_not_found',
    ]);
    for (const e of refusals) expect((e as Error).message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(refusals.some((e) => e instanceof AppError)).toBe(false);
    await store.close();
  });

  it('the edge maps every refusal kind to a code and a Chinese message; bugs stay unmapped (INTERNAL)', () => {
    const unmapped = ['corrupt', 'invalid_account', 'misuse'];
    for (const kind of LEDGER_ERROR_KINDS) {
      const mapped = toAppError(new LedgerError(kind, 'detail'));
      if (unmapped.includes(kind)) expect(mapped).toBeInstanceOf(LedgerError);
      else {
        expect(mapped, kind).toBeInstanceOf(AppError);
        expect((mapped as AppError).message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect((toAppError(new LedgerError('insufficient_funds', 'x')) as AppError).code).toBe('INSUFFICIENT_FUNDS');
    expect((toAppError(new LedgerError('hold_not_open', 'x')) as AppError).code).toBe('CONFLICT');
    const other = new Error('boom');
    expect(toAppError(other)).toBe(other);
  });

  it('no ledger module imports the gateway errors or holds Chinese text outside labels and docs', () => {
    const dirs = ['cloudfunctions/_core/ledger', 'cloudfunctions/_core/domain/ledger'];
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        expect(text, `${dir}/${file}`).not.toMatch(/runtime\/errors|AppError/);
      }
    }
  });
});

describe('holds are append-only records', () => {
  it('capture appends a resolution; the open record is never changed; a second resolution is refused', async () => {
    const store = await funded(10);
    await openHold(store, 'h1', 4);
    const opened = await store.get(LEDGER_COLLECTIONS.holds, 'h1');
    await store.runTransaction((tx) => captureHold(tx, 'h1', { postingId: 'p-cap', at }));
    expect(await store.get(LEDGER_COLLECTIONS.holds, 'h1')).toEqual(opened);
    expect(await store.get(LEDGER_COLLECTIONS.holds, holdResolutionId('h1'))).toMatchObject({
      record: 'captured',
      holdId: 'h1',
      heldDelta: -4,
      postingId: 'p-cap',
    });
    expect(await readHold(store, 'h1')).toMatchObject({ status: 'captured', postingId: 'p-cap', resolvedAt: at });
    const again = await store.runTransaction((tx) => voidHold(tx, 'h1', { at, reason: 'x' })).catch(kindOf);
    expect(again).toBe('hold_not_open');
    expect(await store.count(LEDGER_COLLECTIONS.holds, {})).toBe(2);
    expect((await checkLedgerInvariants(store, 'GC')).problems).toEqual([]);
    await store.close();
  });

  it('void appends a resolution and releases the held amount', async () => {
    const store = await funded(10);
    await openHold(store, 'h2', 6);
    const voided = await store.runTransaction((tx) => voidHold(tx, 'h2', { at, reason: 'rejected' }));
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'rejected' });
    expect(await store.get(LEDGER_COLLECTIONS.holds, holdResolutionId('h2'))).toMatchObject({ record: 'voided' });
    expect(await store.get(LEDGER_COLLECTIONS.accounts, userAccount('GC', 'u1'))).toMatchObject({ held: 0 });
    expect((await checkLedgerInvariants(store, 'GC')).ok).toBe(true);
    await store.close();
  });
});

describe('checkLedgerInvariants sees a tampered book', () => {
  it('a balance edited without its entry, a held amount without its hold, a lost resolution', async () => {
    const store = await funded(10);
    await openHold(store, 'h3', 3);
    expect(await checkLedgerInvariants(store, 'GC')).toMatchObject({ ok: true, total: 0, problems: [] });
    const user = userAccount('GC', 'u1');
    await store.updateById(LEDGER_COLLECTIONS.accounts, user, { $set: { balance: 12 } });
    await store.updateById(LEDGER_COLLECTIONS.holds, 'h3', { $set: { heldDelta: 2 } });
    const check = await checkLedgerInvariants(store, 'GC');
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      `${user}: balance ≠ entries`,
      `${user}: held ≠ pending holds`,
      'balances sum to 2',
    ]);
    await store.close();
  });
});
