/**
 * npm run load — drives the real local gateway over loopback HTTP with many concurrent simulated
 * people for a bounded time (LOAD_SECONDS, default 10; LOAD_USERS, default 24), then prints
 * throughput, p50/p99 latency per action and the ledger and stock invariant checks.
 * Traffic goes only to 127.0.0.1; the loop stops by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../local/runtime';
import { createGateway } from '../local/server';

const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 10), 120);
const USERS = Math.min(Number(process.env.LOAD_USERS ?? 24), 200);
const PERSONAS = ['demo-resident', 'demo-volunteer', 'demo-gridworker', 'demo-staff', 'demo-sage', 'demo-admin'];
/** Answers that are a normal outcome under contention, not failures. */
const EXPECTED = new Set(['INSUFFICIENT_FUNDS', 'OUT_OF_STOCK', 'CONFLICT', 'RATE_LIMITED', 'FORBIDDEN']);

interface Step {
  fn: string;
  action: string;
  weight: number;
  payload: (user: number, n: number, goods: string[]) => unknown;
}

const STEPS: Step[] = [
  { fn: 'identity', action: 'me', weight: 30, payload: () => ({}) },
  { fn: 'inbox', action: 'unreadCount', weight: 15, payload: () => ({}) },
  { fn: 'greencoin', action: 'balance', weight: 15, payload: () => ({}) },
  { fn: 'greencoin', action: 'goods.list', weight: 10, payload: () => ({ skip: 0, limit: 20 }) },
  { fn: 'reports', action: 'mine', weight: 10, payload: () => ({ skip: 0, limit: 20 }) },
  { fn: 'deliberation', action: 'notices.list', weight: 10, payload: () => ({ skip: 0, limit: 20 }) },
  {
    fn: 'greencoin',
    action: 'redeem.request',
    weight: 10,
    // Every person competes for the same few goods: balances and stock are contended on purpose.
    payload: (user, n, goods) => ({
      goodsId: goods[n % Math.max(1, goods.length)] ?? 'none',
      quantity: 1,
      idempotencyKey: `load-${user}-${n}`,
    }),
  },
];

/** The step whose cumulative weight first exceeds `point` (0 ≤ point < total weight). */
function pickWeighted(steps: Step[], point: number): Step | undefined {
  let remaining = point;
  for (const step of steps) {
    remaining -= step.weight;
    if (remaining < 0) return step;
  }
  return steps[0];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-load-'));
  const runtime = await createLocalRuntime({ dataDir });
  const server = createGateway({ runtime, devLogin: true, rateLimitPerSecond: 10_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const available = new Set(runtime.catalogue.flatMap((f) => f.actions.map((a) => `${f.name}.${a.action}`)));
  const steps = STEPS.filter((s) => available.has(`${s.fn}.${s.action}`));
  const totalWeight = steps.reduce((sum, s) => sum + s.weight, 0);
  const post = async (pathname: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: gateway JSON of many actions, read field by field below
    return (await response.json()) as { ok: boolean; token?: string; data?: any; error?: { code: string } };
  };
  const tokens = await Promise.all(
    PERSONAS.map(async (openid) => (await post('/api/dev/login', { openid })).token as string),
  );
  const goodsPage = available.has('greencoin.goods.list')
    ? await post('/api/functions/greencoin', { action: 'goods.list', payload: { skip: 0, limit: 20 } }, tokens[0])
    : { ok: false };
  const goods: string[] = goodsPage.ok ? (goodsPage.data.items as Array<{ id: string }>).map((g) => g.id) : [];

  const latencies = new Map<string, number[]>();
  const outcomes = new Map<string, number>();
  let failures = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      const token = tokens[user % tokens.length];
      for (let n = 0; Date.now() < deadline; n += 1) {
        const step = pickWeighted(steps, random() * totalWeight);
        if (!step) return;
        const t0 = performance.now();
        const result = await post(
          `/api/functions/${step.fn}`,
          { action: step.action, payload: step.payload(user, n, goods) },
          token,
        );
        const key = `${step.fn}.${step.action}`;
        latencies.set(key, [...(latencies.get(key) ?? []), performance.now() - t0]);
        const outcome = result.ok ? 'ok' : (result.error?.code ?? 'unknown');
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (!result.ok && !EXPECTED.has(outcome)) failures += 1;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const all = [...latencies.values()].flat();
  console.log(`load: ${USERS} simulated people for ${elapsed.toFixed(1)} s against ${url}`);
  console.log(
    `total ${all.length} calls · ${(all.length / elapsed).toFixed(0)} calls/s · p50 ${percentile(all, 50).toFixed(1)} ms · p99 ${percentile(all, 99).toFixed(1)} ms`,
  );
  for (const [key, values] of [...latencies.entries()].sort()) {
    console.log(
      `  ${key.padEnd(28)} ${String(values.length).padStart(6)} calls · p50 ${percentile(values, 50).toFixed(1)} ms · p99 ${percentile(values, 99).toFixed(1)} ms`,
    );
  }
  console.log(`outcomes: ${[...outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);

  let invariantsHold = failures === 0;
  if (available.has('greencoin.ledger.reconcile')) {
    const staff = tokens[PERSONAS.indexOf('demo-admin')];
    for (const currency of ['GC', 'TP']) {
      const check = await post(
        '/api/functions/greencoin',
        { action: 'ledger.reconcile', payload: { currency } },
        staff,
      );
      console.log(`invariant ledger ${currency}: ${JSON.stringify(check.ok ? check.data : check.error)}`);
      if (!check.ok || check.data?.ok === false) invariantsHold = false;
    }
  }
  if (available.has('greencoin.stock.reconcile')) {
    const check = await post(
      '/api/functions/greencoin',
      { action: 'stock.reconcile', payload: { month: new Date().toISOString().slice(0, 7) } },
      tokens[PERSONAS.indexOf('demo-staff')],
    );
    const rows: Array<{ name: string; consistent: boolean }> = check.ok ? check.data.rows : [];
    const broken = rows.filter((r) => !r.consistent).map((r) => r.name);
    console.log(
      `invariant stock: ${check.ok ? `${rows.length} goods, ${broken.length ? `inconsistent: ${broken.join('、')}` : 'all consistent'}` : JSON.stringify(check.error)}`,
    );
    if (!check.ok || broken.length > 0) invariantsHold = false;
  }
  console.log(invariantsHold ? 'invariants: hold' : `invariants: VIOLATED (${failures} unexpected failures)`);
  server.close();
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(invariantsHold ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
