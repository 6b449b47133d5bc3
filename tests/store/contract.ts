/**
 * The DocStore contract, written once and run against every adapter (see contract.test.ts).
 * Each test gets a fresh store from `makeStore`, so tests never see each other's data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DocStore, type StoredDoc, StoreError } from '../../cloudfunctions/_core/store/docstore';

export interface StoreUnderTest {
  store: DocStore;
  close(): Promise<void>;
}

/** What every store under test is built with: CloudBase's rules, as the runtime builds its store. */
export interface StoreSetup {
  /** The declared collections; a write elsewhere must fail with DATABASE_COLLECTION_NOT_EXIST. */
  collections: readonly string[];
  /** The store's clock (transactions live 30 s by it). */
  now: () => number;
}

/**
 * The collections this suite declares. never_created and nothing_here are declared but never
 * written (created by db:apply, still empty): reads answer empty. Undeclared ones answer
 * DATABASE_COLLECTION_NOT_EXIST, reads included, as CloudBase does.
 */
export const CONTRACT_COLLECTIONS = [
  'accounts',
  'counters',
  'entries',
  'log',
  'many',
  'never_created',
  'nothing_here',
  'people',
  'spends',
  'wallets',
];

interface Person extends StoredDoc {
  name: string;
  age: number;
  city: string;
  tags?: string[];
  profile?: { level: number; verified?: boolean };
}

interface Counter extends StoredDoc {
  n: number;
}

const PEOPLE = [
  { _id: 'a', name: 'alice', age: 30, city: 'cd', tags: ['x', 'y'], profile: { level: 2, verified: true } },
  { _id: 'b', name: 'bob', age: 25, city: 'cq', tags: ['y'], profile: { level: 1 } },
  { _id: 'c', name: 'carol', age: 35, city: 'cd', tags: [], profile: { level: 3, verified: false } },
  { _id: 'd', name: 'dave', age: 25, city: 'bj' },
] as const satisfies readonly Person[];

/** Rejects with a StoreError of the given code. */
async function expectStoreError(promise: Promise<unknown>, code: StoreError['code']): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected StoreError ${code}`).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
}

class InsufficientFunds extends Error {}

export function describeDocStoreContract(
  name: string,
  makeStore: (setup: StoreSetup) => Promise<StoreUnderTest>,
): void {
  describe(`DocStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: DocStore;
    let clockOffset = 0;
    beforeEach(async () => {
      clockOffset = 0;
      subject = await makeStore({ collections: CONTRACT_COLLECTIONS, now: () => Date.now() + clockOffset });
      store = subject.store;
    });
    afterEach(async () => {
      await subject.close();
    });

    const seedPeople = async () => {
      for (const p of PEOPLE) await store.insert('people', p);
    };
    const ids = (docs: StoredDoc[]) => docs.map((d) => d._id);

    it('inserts and gets a document; a missing id gives null', async () => {
      await store.insert('people', PEOPLE[0]);
      expect(await store.get<Person>('people', 'a')).toEqual(PEOPLE[0]);
      expect(await store.get('people', 'zzz')).toBeNull();
      expect(await store.get('never_created', 'a')).toBeNull();
    });

    it('refuses a duplicate _id with DUPLICATE_KEY and keeps the original', async () => {
      await store.insert('people', PEOPLE[0]);
      await expectStoreError(store.insert('people', { ...PEOPLE[1], _id: 'a' }), 'DUPLICATE_KEY');
      expect((await store.get<Person>('people', 'a'))?.name).toBe('alice');
    });

    it('finds with $eq, $in, $gt, $lt, $and, $or, $exists, nested fields and array contains', async () => {
      await seedPeople();
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{}, ['a', 'b', 'c', 'd']],
        [{ city: 'cd' }, ['a', 'c']],
        [{ city: { $eq: 'cd' } }, ['a', 'c']],
        [{ age: { $in: [25, 35] } }, ['b', 'c', 'd']],
        [{ age: { $gt: 25 } }, ['a', 'c']],
        [{ age: { $lt: 30 } }, ['b', 'd']],
        [{ age: { $gte: 25, $lte: 30 } }, ['a', 'b', 'd']],
        [{ $and: [{ city: 'cd' }, { age: { $gte: 35 } }] }, ['c']],
        [{ $or: [{ city: 'bj' }, { age: 30 }] }, ['a', 'd']],
        [{ 'profile.verified': { $exists: true } }, ['a', 'c']],
        [{ profile: { $exists: false } }, ['d']],
        [{ 'profile.level': { $gte: 2 } }, ['a', 'c']],
        [{ tags: 'y' }, ['a', 'b']],
        [{ tags: { $all: ['x', 'y'] } }, ['a']],
        [{ tags: { $size: 0 } }, ['c']],
        [{ _id: { $in: ['b', 'd', 'zz'] } }, ['b', 'd']],
        [{ city: { $ne: 'cd' } }, ['b', 'd']],
        [{ name: { $nin: ['alice', 'bob'] } }, ['c', 'd']],
      ];
      for (const [filter, expected] of cases) {
        expect(ids(await store.find('people', filter)), JSON.stringify(filter)).toEqual(expected);
      }
    });

    it('orders by several fields, then skips and limits', async () => {
      await seedPeople();
      const orderBy = [
        ['age', 'asc'],
        ['name', 'desc'],
      ] as const;
      expect(ids(await store.find('people', {}, { orderBy }))).toEqual(['d', 'b', 'a', 'c']);
      expect(ids(await store.find('people', {}, { orderBy: [['age', 'desc']] }))).toEqual(['c', 'a', 'b', 'd']);
      expect(ids(await store.find('people', {}, { orderBy, skip: 1, limit: 2 }))).toEqual(['b', 'a']);
      expect(ids(await store.find('people', {}, { orderBy, skip: 4 }))).toEqual([]);
    });

    it('returns 100 documents by default and refuses limits above 1000', async () => {
      for (let i = 0; i < 120; i += 1)
        await store.insert<Counter>('many', { _id: `m${String(i).padStart(3, '0')}`, n: i });
      expect(await store.find('many', {})).toHaveLength(100);
      expect(await store.find('many', {}, { limit: 1000 })).toHaveLength(120);
      expect(await store.find('many', { n: { $gte: 100 } }, { limit: 5 })).toHaveLength(5);
      await expectStoreError(store.find('many', {}, { limit: 1001 }), 'LIMIT_EXCEEDED');
      await expectStoreError(store.find('many', {}, { limit: 0 }), 'LIMIT_EXCEEDED');
      expect(await store.count('many', {})).toBe(120);
    });

    it('counts matching documents', async () => {
      await seedPeople();
      expect(await store.count('people', {})).toBe(4);
      expect(await store.count('people', { city: 'cd' })).toBe(2);
      expect(await store.count('people', { age: { $gt: 100 } })).toBe(0);
      expect(await store.count('nothing_here', {})).toBe(0);
    });

    it('updates by id with $set, $inc, $push, $unset and nested paths', async () => {
      await seedPeople();
      expect(
        await store.updateById('people', 'a', {
          $set: { city: 'xa', 'profile.level': 9, 'address.street': 'main' },
          $inc: { age: 2 },
          $push: { tags: 'z' },
          $unset: { 'profile.verified': '' },
        }),
      ).toBe(true);
      expect(await store.get('people', 'a')).toEqual({
        _id: 'a',
        name: 'alice',
        age: 32,
        city: 'xa',
        tags: ['x', 'y', 'z'],
        profile: { level: 9 },
        address: { street: 'main' },
      });
      // An update that changes nothing still reports an existing document.
      expect(await store.updateById('people', 'a', { $set: { city: 'xa' } })).toBe(true);
      expect(await store.updateById('people', 'nobody', { $set: { city: 'x' } })).toBe(false);
      expect(await store.get('people', 'nobody')).toBeNull();
    });

    it('refuses replacement-style updates, _id changes and Date values', async () => {
      await seedPeople();
      await expectStoreError(store.updateById('people', 'a', { city: 'x' }), 'INVALID_QUERY');
      await expectStoreError(store.insert('people', { _id: 'e', at: new Date() } as StoredDoc), 'INVALID_QUERY');
      await expectStoreError(store.updateById('people', 'a', { $set: { at: new Date() } }), 'INVALID_QUERY');
      expect(await store.get<Person>('people', 'a')).toEqual(PEOPLE[0]);
    });

    it('updates every matching document with updateWhere', async () => {
      await seedPeople();
      expect(await store.updateWhere('people', { city: 'cd' }, { $set: { region: 'sc' }, $inc: { age: 1 } })).toBe(2);
      expect(ids(await store.find('people', { region: 'sc' }))).toEqual(['a', 'c']);
      expect((await store.get<Person>('people', 'c'))?.age).toBe(36);
      expect(await store.updateWhere('people', { city: 'nowhere' }, { $set: { region: 'x' } })).toBe(0);
    });

    it('removes by id', async () => {
      await seedPeople();
      expect(await store.removeById('people', 'b')).toBe(true);
      expect(await store.removeById('people', 'b')).toBe(false);
      expect(await store.get('people', 'b')).toBeNull();
      expect(await store.count('people', {})).toBe(3);
    });

    it('commits a transaction as one unit', async () => {
      await store.insert<Counter>('accounts', { _id: 'from', n: 10 });
      await store.insert<Counter>('accounts', { _id: 'to', n: 0 });
      const result = await store.runTransaction(async (tx) => {
        const from = await tx.get<Counter>('accounts', 'from');
        await tx.updateById('accounts', 'from', { $inc: { n: -3 } });
        await tx.updateById('accounts', 'to', { $inc: { n: 3 } });
        await tx.insert('entries', { _id: 'e1', amount: 3 });
        return from?.n;
      });
      expect(result).toBe(10);
      expect((await store.get<Counter>('accounts', 'from'))?.n).toBe(7);
      expect((await store.get<Counter>('accounts', 'to'))?.n).toBe(3);
      expect(await store.get('entries', 'e1')).toEqual({ _id: 'e1', amount: 3 });
    });

    it('rolls back everything when the body throws, and rethrows the same error', async () => {
      await store.insert<Counter>('accounts', { _id: 'from', n: 10 });
      const failure = new InsufficientFunds('no');
      const err = await store
        .runTransaction(async (tx) => {
          await tx.updateById('accounts', 'from', { $inc: { n: -3 } });
          await tx.insert('entries', { _id: 'e1', amount: 3 });
          await tx.removeById('accounts', 'from');
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(err).toBe(failure);
      expect(await store.get<Counter>('accounts', 'from')).toEqual({ _id: 'from', n: 10 });
      expect(await store.get('entries', 'e1')).toBeNull();
    });

    it('rolls back a transaction whose insert hits a duplicate key', async () => {
      await store.insert<Counter>('accounts', { _id: 'x', n: 1 });
      await expectStoreError(
        store.runTransaction(async (tx) => {
          await tx.updateById('accounts', 'x', { $inc: { n: 5 } });
          await tx.insert<Counter>('accounts', { _id: 'x', n: 0 });
        }),
        'DUPLICATE_KEY',
      );
      expect((await store.get<Counter>('accounts', 'x'))?.n).toBe(1);
    });

    it('loses no update when 30 transactions increment one counter in parallel', async () => {
      await store.insert<Counter>('counters', { _id: 'c', n: 0 });
      await Promise.all(
        Array.from({ length: 30 }, () =>
          store.runTransaction(async (tx) => {
            const current = await tx.get<Counter>('counters', 'c');
            // Read-modify-write with $set: only correct if transactions are isolated.
            await tx.updateById('counters', 'c', { $set: { n: (current?.n ?? 0) + 1 } });
          }),
        ),
      );
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(30);
    });

    it('lets exactly 5 of 10 parallel "spend 1 if balance >= 1" transactions succeed on a balance of 5', async () => {
      await store.insert<Counter>('wallets', { _id: 'w', n: 5 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.runTransaction(async (tx) => {
            const wallet = await tx.get<Counter>('wallets', 'w');
            if (!wallet || wallet.n < 1) throw new InsufficientFunds(`spend ${i}`);
            await tx.updateById('wallets', 'w', { $inc: { n: -1 } });
            await tx.insert('spends', { _id: `s${i}` });
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected.every((o) => o.reason instanceof InsufficientFunds)).toBe(true);
      expect((await store.get<Counter>('wallets', 'w'))?.n).toBe(0);
      expect(await store.count('spends', {})).toBe(5);
    });

    it('retries a transaction whose body reports a conflict, with no trace of the failed attempt', async () => {
      await store.insert<Counter>('counters', { _id: 'c', n: 0 });
      let attempts = 0;
      await store.runTransaction(async (tx) => {
        attempts += 1;
        await tx.updateById('counters', 'c', { $inc: { n: 1 } });
        await tx.insert('log', { _id: 'only-once' });
        if (attempts === 1) throw new StoreError('DATABASE_TRANSACTION_CONFLICT', 'simulated');
      });
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(1);
      expect(await store.count('log', {})).toBe(1);
    });

    it('gives up after repeated conflicts with DATABASE_TRANSACTION_CONFLICT and writes nothing', async () => {
      await store.insert<Counter>('counters', { _id: 'c', n: 0 });
      await expectStoreError(
        store.runTransaction(async (tx) => {
          await tx.updateById('counters', 'c', { $inc: { n: 1 } });
          throw new StoreError('DATABASE_TRANSACTION_CONFLICT', 'always');
        }),
        'DATABASE_TRANSACTION_CONFLICT',
      );
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(0);
    });

    // CloudBase fidelity: what the functions meet in production, asserted on every store.

    it('a transaction reads the snapshot it started with, even after a write outside it', async () => {
      await store.insert<Counter>('counters', { _id: 'c', n: 1 });
      await store.insert<Counter>('counters', { _id: 'other', n: 0 });
      // The outside write is set up outside the transaction (a serial store refuses re-entry) and
      // released from inside it. On CloudBase it commits at once; on a serial store it waits.
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const outside = gate.then(() => store.updateById('counters', 'c', { $set: { n: 2 } }));
      const reads: Array<[number | undefined, number | undefined]> = [];
      await store.runTransaction(async (tx) => {
        const first = await tx.get<Counter>('counters', 'c');
        release();
        await Promise.race([outside, new Promise((resolve) => setTimeout(resolve, 200))]);
        const second = await tx.get<Counter>('counters', 'c');
        reads.push([first?.n, second?.n]);
        await tx.updateById('counters', 'other', { $inc: { n: 1 } });
      });
      await outside;
      // Each attempt sees one snapshot; a retried attempt may start from a newer one.
      expect(reads[0]).toEqual([1, 1]);
      for (const [first, second] of reads) expect(second).toBe(first);
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(2);
      expect((await store.get<Counter>('counters', 'other'))?.n).toBe(1);
    });

    it('refuses writes to an undeclared collection with DATABASE_COLLECTION_NOT_EXIST and writes nothing', async () => {
      await expectStoreError(store.insert('undeclared_things', { _id: 'a' }), 'DATABASE_COLLECTION_NOT_EXIST');
      await expectStoreError(
        store.updateWhere('undeclared_things', {}, { $set: { n: 1 } }),
        'DATABASE_COLLECTION_NOT_EXIST',
      );
      await store.insert<Counter>('counters', { _id: 'c', n: 0 });
      await expectStoreError(
        store.runTransaction(async (tx) => {
          await tx.updateById('counters', 'c', { $inc: { n: 1 } });
          await tx.insert('undeclared_things', { _id: 'b' });
        }),
        'DATABASE_COLLECTION_NOT_EXIST',
      );
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(0);
    });

    it('answers reads of an undeclared collection with DATABASE_COLLECTION_NOT_EXIST, as CloudBase does', async () => {
      // CloudBase: a get or where() on a collection that does not exist fails ("database collection
      // not exists", DATABASE_COLLECTION_NOT_EXIST) rather than answering empty.
      await expectStoreError(store.get('undeclared_things', 'a'), 'DATABASE_COLLECTION_NOT_EXIST');
      await expectStoreError(store.find('undeclared_things', { n: 1 }), 'DATABASE_COLLECTION_NOT_EXIST');
      await expectStoreError(store.count('undeclared_things', {}), 'DATABASE_COLLECTION_NOT_EXIST');
      await expectStoreError(
        store.runTransaction((tx) => tx.get('undeclared_things', 'a')),
        'DATABASE_COLLECTION_NOT_EXIST',
      );
      // A declared collection nobody wrote yet is empty, not missing.
      expect(await store.get('counters', 'none')).toBeNull();
      expect(await store.find('counters', {})).toEqual([]);
    });

    it('ends a transaction after 30 s with DATABASE_TRANSACTION_FAIL, not retried, and writes nothing', async () => {
      await store.insert<Counter>('counters', { _id: 'c', n: 0 });
      let attempts = 0;
      await expectStoreError(
        store.runTransaction(async (tx) => {
          attempts += 1;
          await tx.updateById('counters', 'c', { $inc: { n: 1 } });
          clockOffset += 30_001;
          await tx.updateById('counters', 'c', { $inc: { n: 1 } });
        }),
        'DATABASE_TRANSACTION_FAIL',
      );
      expect(attempts).toBe(1);
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(0);
      // A slow body whose last call came in time still fails at commit.
      clockOffset = 0;
      await expectStoreError(
        store.runTransaction(async (tx) => {
          await tx.updateById('counters', 'c', { $inc: { n: 1 } });
          clockOffset += 30_001;
        }),
        'DATABASE_TRANSACTION_FAIL',
      );
      expect((await store.get<Counter>('counters', 'c'))?.n).toBe(0);
    });
  });
}
