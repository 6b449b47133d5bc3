/**
 * Child process for the crash test: moves 1 unit from account a to b in a loop, each move with a
 * ledger entry in the same transaction, and prints `committed <k>` after each acknowledged commit.
 * The parent kills it with SIGKILL at an arbitrary point.
 */
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';

interface Account {
  _id: string;
  n: number;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: crash-child <sqlite file>');
  const store = createEmbeddedStore({ file });
  for (let k = 1; ; k += 1) {
    await store.runTransaction(async (tx) => {
      const a = await tx.get<Account>('accounts', 'a');
      const b = await tx.get<Account>('accounts', 'b');
      if (!a || !b) throw new Error('accounts missing');
      await tx.updateById('accounts', 'a', { $set: { n: a.n - 1 } });
      await tx.insert('entries', { _id: `e${k}`, amount: 1 });
      await tx.updateById('accounts', 'b', { $set: { n: b.n + 1 } });
    });
    process.stdout.write(`committed ${k}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
