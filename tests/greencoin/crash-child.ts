/**
 * Child process for the crash test: the real local runtime on a data folder, under a load of
 * awards, redemption requests, approvals, rejections and restocks. Prints `ops <n>` as calls are
 * acknowledged; the parent kills it with SIGKILL at an arbitrary point.
 */
import { createLocalRuntime } from '../../local/runtime';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: crash-child <data dir>');
  const runtime = await createLocalRuntime({ dataDir });
  process.stdout.write('ready\n');
  const call = async (openid: string, action: string, payload: Record<string, unknown>) => {
    const result = await runtime.invoke('greencoin', { action, payload }, openid);
    return result.ok ? (result.data as Record<string, unknown>) : null;
  };
  let ops = 0;
  for (let i = 0; ; i += 1) {
    const batch = Array.from({ length: 4 }, (_, j) => j);
    await Promise.all(
      batch.map(async (j) => {
        const k = `${process.pid}-${i}-${j}`;
        await call('demo-staff', 'award', {
          userId: 'user-resident',
          lineId: 'env-1',
          note: '压测',
          idempotencyKey: `aw-${k}`,
        });
        const r = await call('demo-resident', 'redeem.request', {
          goodsId: 'goods-xiaoxiang-5',
          quantity: 1,
          idempotencyKey: `rq-${k}`,
        });
        if (r && typeof r.id === 'string') {
          await call('demo-staff', j % 2 === 0 ? 'redeem.approve' : 'redeem.reject', {
            redemptionId: r.id,
            reason: '压测',
          });
        }
        if (j === 0)
          await call('demo-staff', 'goods.restock', {
            goodsId: 'goods-xiaoxiang-5',
            delta: 2,
            reason: '补货',
            idempotencyKey: `rs-${k}`,
          });
        ops += 1;
        process.stdout.write(`ops ${ops}\n`);
      }),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
