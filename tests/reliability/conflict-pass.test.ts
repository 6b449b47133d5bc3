import { describe, expect, it } from 'vitest';
import { withInjectedConflicts } from '../../cloudfunctions/_core/store/conflicts';
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';

/**
 * The conflict pass of `npm test` (GONGZHI_INJECT_CONFLICTS=1) only proves something if it can
 * catch a body that is not retry-safe. These check the injection mode it uses.
 */
describe('the conflict pass fails every writing transaction once, at commit', () => {
  const injecting = () =>
    withInjectedConflicts(createEmbeddedStore({ file: ':memory:', indexes: INDEXES }), {
      everyNth: 1,
      maxPerTransaction: 1,
      atCommitAfterWrites: true,
    });

  it('a body with an effect outside the transaction shows it twice (what the pass would catch)', async () => {
    const store = injecting();
    const sent: string[] = [];
    await store.runTransaction(async (tx) => {
      await tx.insert('things', { _id: 'a', n: 1 });
      sent.push('notify'); // not retry-safe: runs on every attempt
    });
    expect(sent).toEqual(['notify', 'notify']);
    expect(store.conflictStats()).toEqual({ injected: 1, transactions: 1 });
  });

  it('the failed attempt’s write is rolled back, so the retry writes exactly once', async () => {
    const store = injecting();
    await store.insert('accounts', { _id: 'x', balance: 10 });
    await store.runTransaction(async (tx) => {
      const account = await tx.get<{ _id: string; balance: number }>('accounts', 'x');
      await tx.updateById('accounts', 'x', { $set: { balance: (account?.balance ?? 0) - 3 } });
      await tx.insert('entries', { _id: 'e1', amount: -3 });
    });
    expect(await store.get('accounts', 'x')).toMatchObject({ balance: 7 });
    expect(await store.count('entries', {})).toBe(1);
  });

  it('read-only transactions are left alone', async () => {
    const store = injecting();
    await store.runTransaction(async (tx) => tx.get('accounts', 'none'));
    expect(store.conflictStats().injected).toBe(0);
  });
});
