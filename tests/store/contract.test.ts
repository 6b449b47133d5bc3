/**
 * Runs the one DocStore contract against every adapter, plus embedded-only guarantees
 * (pragmas, persistence, index use, crash atomicity).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type CloudbaseDatabase, createCloudbaseStore } from '../../cloudfunctions/_core/store/cloudbase';
import { withInjectedConflicts } from '../../cloudfunctions/_core/store/conflicts';
import { type StoredDoc, StoreError } from '../../cloudfunctions/_core/store/docstore';
import { createEmbeddedStore, type EmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';
import { startTcbLoopback } from '../support/tcb-loopback';
import { describeDocStoreContract, type StoreSetup } from './contract';

const tempRoot = mkdtempSync(path.join(tmpdir(), 'docstore-'));
let fileCounter = 0;
const tempFile = () => {
  fileCounter += 1;
  return path.join(tempRoot, `store-${fileCounter}.sqlite`);
};
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

const embedded = (file: string, setup: StoreSetup) => {
  const store = createEmbeddedStore({ file, indexes: INDEXES, ...setup });
  return { store, close: () => store.close() };
};

describeDocStoreContract('embedded :memory:', async (setup) => embedded(':memory:', setup));
describeDocStoreContract('embedded file', async (setup) => embedded(tempFile(), setup));
describeDocStoreContract('embedded + injected conflicts', async (setup) => {
  const inner = createEmbeddedStore({ file: ':memory:', indexes: INDEXES, ...setup });
  const store = withInjectedConflicts(inner, { probability: 0.3, seed: 42, maxPerTransaction: 2 });
  return { store, close: () => inner.close() };
});
// The contract checks isolation; the adapter's 8 s retry budget is a production setting that a
// loaded test machine (slow rounds) must not turn into a spurious lost-update failure.
const CONTRACT_RETRY_BUDGET = { retryBudgetMs: 20_000 };

describeDocStoreContract('cloudbase SDK → loopback', async (setup) => {
  const loopback = await startTcbLoopback(setup);
  const store = createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase, CONTRACT_RETRY_BUDGET);
  return { store, close: () => loopback.close() };
});
describeDocStoreContract('cloudbase SDK → loopback + injected conflicts', async (setup) => {
  const loopback = await startTcbLoopback(setup);
  const store = withInjectedConflicts(
    createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase, CONTRACT_RETRY_BUDGET),
    {
      everyNth: 5,
      maxPerTransaction: 2,
    },
  );
  return { store, close: () => loopback.close() };
});

interface Counter extends StoredDoc {
  n: number;
}

describe('CloudBase adapter on the wire', () => {
  it('runs transactions at once; of two writing one document the first to commit wins, the other gets DATABASE_TRANSACTION_CONFLICT', async () => {
    const loopback = await startTcbLoopback();
    try {
      // One attempt each, so the loser's answer is what CloudBase sends, not what a retry hides.
      const store = createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase, { maxTransactionAttempts: 1 });
      await store.insert<Counter>('c', { _id: 'x', n: 0 });
      let bothRead: () => void = () => undefined;
      const read = new Promise<void>((resolve) => {
        bothRead = resolve;
      });
      let readers = 0;
      const increment = (by: number, waitMs: number) =>
        store.runTransaction(async (tx) => {
          const doc = await tx.get<Counter>('c', 'x');
          readers += 1;
          if (readers === 2) bothRead();
          await read;
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          await tx.updateById('c', 'x', { $set: { n: (doc?.n ?? 0) + by } });
          return by;
        });
      const outcomes = await Promise.allSettled([increment(1, 0), increment(10, 150)]);
      expect(loopback.openTransactions().max).toBe(2);
      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 1 });
      expect(outcomes[1]?.status).toBe('rejected');
      const reason = (outcomes[1] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(StoreError);
      expect((reason as StoreError).code).toBe('DATABASE_TRANSACTION_CONFLICT');
      expect((await store.get<Counter>('c', 'x'))?.n).toBe(1);
      expect(loopback.conflicts()).toBe(1);
    } finally {
      await loopback.close();
    }
  });

  it('sends the database actions this suite relies on, in raw mode', async () => {
    const loopback = await startTcbLoopback();
    const store = createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase);
    await store.insert('w', { _id: 'a', n: 1, tags: ['x'] });
    await store.find('w', { n: { $gte: 1 }, tags: 'x' }, { orderBy: [['n', 'desc']], skip: 0, limit: 10 });
    await store.count('w', { n: { $in: [1, 2] } });
    await store.updateWhere('w', { n: 1 }, { $inc: { n: 1 } });
    await store.runTransaction(async (tx) => {
      await tx.updateById('w', 'a', { $push: { tags: 'y' } });
    });
    await store
      .runTransaction(async () => {
        throw new Error('abort');
      })
      .catch(() => undefined);
    await store.removeById('w', 'a');
    expect(Object.keys(loopback.actionCounts()).sort()).toEqual([
      'database.abortTransaction',
      'database.calculateDocument',
      'database.commitTransaction',
      'database.getDocument',
      'database.insertDocument',
      'database.modifyDocument',
      'database.removeDocument',
      'database.startTransaction',
    ]);
    expect(await loopback.backing.count('w', {})).toBe(0);
    await loopback.close();
  });
});

describe('conflict injection', () => {
  it('really injects conflicts and the wrapped store still ends every transaction correctly', async () => {
    const inner = createEmbeddedStore({ file: ':memory:' });
    const store = withInjectedConflicts(inner, { everyNth: 3 });
    await store.insert<Counter>('c', { _id: 'x', n: 0 });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.runTransaction(async (tx) => {
          const doc = await tx.get<Counter>('c', 'x');
          await tx.updateById('c', 'x', { $set: { n: (doc?.n ?? 0) + 1 } });
          await tx.insert('log', { _id: `l${i}` });
        }),
      ),
    );
    expect(store.conflictStats().injected).toBeGreaterThan(5);
    expect((await store.get<Counter>('c', 'x'))?.n).toBe(20);
    expect(await store.count('log', {})).toBe(20);
    await inner.close();
  });

  it('the CloudBase adapter maps wire-level DATABASE_TRANSACTION_CONFLICT and retries', async () => {
    const loopback = await startTcbLoopback({ conflictEveryNth: 4 });
    const store = createCloudbaseStore(loopback.db as unknown as CloudbaseDatabase);
    await store.insert<Counter>('c', { _id: 'x', n: 0 });
    for (let i = 0; i < 10; i += 1) {
      await store.runTransaction(async (tx) => {
        const doc = await tx.get<Counter>('c', 'x');
        await tx.updateById('c', 'x', { $set: { n: (doc?.n ?? 0) + 1 } });
      });
    }
    expect((await store.get<Counter>('c', 'x'))?.n).toBe(10);
    const counts = loopback.actionCounts();
    // Every 4th in-transaction call conflicted, so some attempts were aborted and retried.
    expect(counts['database.startTransaction']).toBeGreaterThan(10);
    expect(counts['database.commitTransaction']).toBe(10);
    await loopback.close();
  });
});

describe('embedded store specifics', () => {
  const open: EmbeddedStore[] = [];
  const make = (file: string) => {
    const store = createEmbeddedStore({ file, indexes: INDEXES });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('runs in WAL mode with synchronous=FULL', () => {
    expect(make(tempFile()).pragmas()).toEqual({ journalMode: 'wal', synchronous: 2 });
  });

  it('keeps data across close and reopen', async () => {
    const file = tempFile();
    const first = make(file);
    await first.insert('users', { _id: 'u1', communityId: 'c1' });
    await first.runTransaction((tx) => tx.updateById('users', 'u1', { $set: { name: '张三' } }));
    await first.close();
    expect(await make(file).get('users', 'u1')).toEqual({ _id: 'u1', communityId: 'c1', name: '张三' });
  });

  it('counts full scans for non-indexed filters but not for indexed equality or _id', async () => {
    const store = make(':memory:');
    for (let i = 0; i < 50; i += 1) await store.insert('users', { _id: `u${i}`, communityId: `c${i % 5}`, age: i });
    store.resetStats();
    expect(await store.find('users', { communityId: 'c1' })).toHaveLength(10);
    expect(await store.count('users', { communityId: { $in: ['c1', 'c2'] }, age: { $gt: 20 } })).toBe(12);
    expect(await store.find('users', { _id: { $in: ['u1', 'u2'] } })).toHaveLength(2);
    expect(
      await store.find('users', { $and: [{ communityId: 'c3' }, { $or: [{ age: 3 }, { age: 8 }] }] }),
    ).toHaveLength(2);
    expect(store.stats().fullScans).toEqual({});
    expect(await store.find('users', { age: { $lt: 3 } })).toHaveLength(3);
    expect(await store.find('users', { $or: [{ communityId: 'c1' }, { age: 2 }] })).toHaveLength(11);
    expect(store.stats().fullScans).toEqual({ users: 2 });
  });

  it('refuses non-scalar values in indexed fields (keeps SQL pushdown exact)', async () => {
    const store = make(':memory:');
    await expect(store.insert('users', { _id: 'u', communityId: ['c1'] })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
    await store.insert('users', { _id: 'v', communityId: 'c1' });
    await expect(store.updateById('users', 'v', { $set: { communityId: { x: 1 } } })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
  });

  it('refuses the outer store inside a transaction body instead of deadlocking', async () => {
    const store = make(':memory:');
    const err = await store.runTransaction(() => store.get('users', 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('INVALID_QUERY');
    expect(await store.get('users', 'x')).toBeNull();
  });

  it('serializes 50 parallel transactions on one document, interleaved with plain reads', async () => {
    const store = make(tempFile());
    await store.insert<Counter>('counters', { _id: 'c', n: 0 });
    const seen: number[] = [];
    await Promise.all([
      ...Array.from({ length: 50 }, () =>
        store.runTransaction(async (tx) => {
          const doc = await tx.get<Counter>('counters', 'c');
          await new Promise((resolve) => setTimeout(resolve, 0));
          await tx.updateById('counters', 'c', { $set: { n: (doc?.n ?? 0) + 1 } });
        }),
      ),
      ...Array.from({ length: 20 }, async () => {
        seen.push((await store.get<Counter>('counters', 'c'))?.n ?? -1);
      }),
    ]);
    expect((await store.get<Counter>('counters', 'c'))?.n).toBe(50);
    expect(seen.every((n) => n >= 0 && n <= 50)).toBe(true);
  });

  it('keeps every transaction all-or-nothing when the process is killed with SIGKILL', async () => {
    const file = tempFile();
    const setup = make(file);
    await setup.insert<Counter>('accounts', { _id: 'a', n: 100000 });
    await setup.insert<Counter>('accounts', { _id: 'b', n: 0 });
    await setup.close();

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/committed (\d+)/g)) acknowledged = Number(match[1]);
        // Kill mid-stream once a good number of commits went through.
        if (acknowledged >= 300) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const reopened = make(file);
    const a = (await reopened.get<Counter>('accounts', 'a'))?.n ?? NaN;
    const b = (await reopened.get<Counter>('accounts', 'b'))?.n ?? NaN;
    const entries = await reopened.count('entries', {});
    expect(a + b).toBe(100000);
    expect(entries).toBe(b);
    // Every acknowledged commit survived (more may have committed before the kill landed).
    expect(b).toBeGreaterThanOrEqual(acknowledged);
  }, 20_000);
});
