/**
 * CPU time of the embedded store's hottest operations (get by id, small indexed finds, counts,
 * updates in transactions), in one process: `npx tsx bench/store-ops.ts`. CPU time rather than
 * wall time, so a busy shared machine distorts it less (issue 19's statement cache was measured so).
 */
import { createEmbeddedStore } from '../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../cloudfunctions/_core/store/indexes';

const N = Number(process.env.STORE_OPS ?? 20_000);
const store = createEmbeddedStore({ file: ':memory:', indexes: INDEXES });

async function main() {
  await store.runTransaction(async (tx) => {
    for (let i = 0; i < 2000; i += 1) {
      await tx.insert('messages', {
        _id: `m${i}`,
        userId: `u${i % 50}`,
        createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        read: false,
      });
    }
  });
  const measure = async (label: string, op: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 500; i += 1) await op(i);
    const t0 = process.cpuUsage();
    for (let i = 0; i < N; i += 1) await op(i);
    const used = process.cpuUsage(t0);
    console.log(`${label.padEnd(28)} ${(((used.user + used.system) / N) * 1).toFixed(1)} µs CPU per operation`);
  };
  await measure('get by id', (i) => store.get('messages', `m${i % 2000}`));
  await measure('find 20 by indexed field', (i) =>
    store.find('messages', { userId: `u${i % 50}` }, { orderBy: [['createdAt', 'desc']], limit: 20 }),
  );
  await measure('count by indexed field', (i) => store.count('messages', { userId: `u${i % 50}` }));
  await measure('update in a transaction', (i) =>
    store.runTransaction(async (tx) => {
      const doc = await tx.get('messages', `m${i % 2000}`);
      if (doc) await tx.updateById('messages', `m${i % 2000}`, { $set: { read: i % 2 === 0 } });
    }),
  );
  store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
