/**
 * npm run load — drives the real local gateway over loopback HTTP with many concurrent simulated
 * people for a bounded time (LOAD_SECONDS, default 10; LOAD_USERS, default 24), then prints
 * throughput, p50/p99 latency per action and the ledger and stock invariant checks.
 * Traffic goes only to 127.0.0.1; the loop stops by itself.
 *
 * LOAD_STORE=cloudbase: the same gateway and handlers, but the store is the CloudBase adapter
 * (@cloudbase/node-sdk) against the loopback CloudBase server, whose transactions run concurrently
 * with snapshot reads and first-committer-wins conflicts, each database call delayed by
 * LOAD_DB_LATENCY_MS (default 20). LOAD_RESIDENTS (default 100) new residents of one community,
 * each with coins and a photo, all at once: request a redemption, file a report, sign up for an
 * activity and check in. Prints calls/s, p50/p99, the adapter's conflict retries, the ledger and
 * stock invariants, and last `user-visible conflicts: N` — CONFLICT answers that came from
 * contention (retries ran out), not from a reused key.
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
  if (process.env.LOAD_STORE === 'cloudbase') return cloudbaseLoad();
  if (process.env.LOAD_STORE && process.env.LOAD_STORE !== 'embedded')
    throw new Error('LOAD_STORE is embedded or cloudbase');
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

/** A 1×1 PNG: uploads are checked by their magic bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function cloudbaseLoad(): Promise<void> {
  const residents = Math.min(Number(process.env.LOAD_RESIDENTS ?? 100), 500);
  const latencyMs = Number(process.env.LOAD_DB_LATENCY_MS ?? 20);
  const { startTcbLoopback } = await import('../tests/support/tcb-loopback');
  const { createCloudbaseStore } = await import('../cloudfunctions/_core/store/cloudbase');
  const { declaredCollections } = await import('../cloudfunctions/_core/store/collections');
  const { seedDemo, DEMO } = await import('../local/seed');
  const { systemClock } = await import('../cloudfunctions/_core/runtime/clock');
  const { COLLECTIONS } = await import('../cloudfunctions/_core/domain/people');
  const { post, issuerAccount, userAccount } = await import('../cloudfunctions/_core/ledger');
  const { PRIVACY_NOTICE_VERSION } = await import('../cloudfunctions/_core/domain/privacy');

  const loopback = await startTcbLoopback({ collections: declaredCollections() });
  await seedDemo(loopback.backing, systemClock);
  let retries = 0;
  const store = createCloudbaseStore(loopback.db as never, { onRetry: () => (retries += 1) });
  const runtime = await createLocalRuntime({ dataDir: ':memory:', seed: false, wrapStore: (() => store) as never });
  const server = createGateway({ runtime, devLogin: true, rateLimitPerSecond: 100_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // biome-ignore lint/suspicious/noExplicitAny: gateway JSON of many actions, read field by field below
  type Answer = { ok: boolean; token?: string; data?: any; error?: { code: string; message: string } };
  const call = async (fn: string, action: string, payload: unknown, token: string): Promise<Answer> => {
    const response = await fetch(`${url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action, payload }),
    });
    return (await response.json()) as Answer;
  };
  const login = async (openid: string) => {
    const response = await fetch(`${url}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    });
    return ((await response.json()) as Answer).token as string;
  };
  const must = (answer: Answer, what: string) => {
    if (!answer.ok) throw new Error(`${what}: ${answer.error?.code} ${answer.error?.message}`);
    return answer.data;
  };

  // Setup, outside the measurement: residents who accepted the notice, live in one community and
  // registered as volunteers, 200 coins each, one uploaded photo each; an activity whose check-in is open.
  console.log(`setup: ${residents} residents of ${DEMO.communityA} (database latency ${latencyMs} ms per call) …`);
  const staff = await login('demo-staff');
  const people = await Promise.all(
    Array.from({ length: residents }, async (_, i) => {
      const openid = `load-resident-${i}`;
      const token = await login(openid);
      must(await call('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION }, token), 'acceptPrivacy');
      must(
        await call('identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA1 }, token),
        'joinCommunity',
      );
      // Registered volunteers, so they may sign up (sign-up checks the registration).
      must(
        await call(
          'timebank',
          'volunteer.register',
          { realName: `压测居民${i}`, skills: [], availability: '周末', consent: true },
          token,
        ),
        'volunteer.register',
      );
      const identity = await loopback.backing.get<{ _id: string; userId: string }>(COLLECTIONS.identities, openid);
      const upload = await fetch(`${url}/api/files`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
        body: PNG,
      });
      const photo = ((await upload.json()) as Answer).data?.fileId as string;
      return { i, token, userId: identity?.userId as string, photo };
    }),
  );
  for (const person of people) {
    await loopback.backing.runTransaction((tx) =>
      post(tx, {
        id: `load-fund-${person.i}`,
        currency: 'GC',
        from: issuerAccount('GC', DEMO.communityA),
        to: userAccount('GC', person.userId),
        amount: 200,
        reason: '压测初始绿币',
        kind: 'award',
        at: new Date().toISOString(),
      }),
    );
  }
  const goods = (must(await call('greencoin', 'goods.list', { skip: 0, limit: 20 }, people[0]?.token ?? staff), 'goods')
    .items ?? []) as Array<{ id: string }>;
  const categories = (must(await call('reports', 'categories.list', {}, people[0]?.token ?? staff), 'categories')
    .items ?? []) as Array<{ id?: string; key?: string; name: string }>;
  const category = categories[0]?.id ?? categories[0]?.key ?? categories[0]?.name ?? '其他';
  // An activity starting in 30 minutes (check-in opens an hour before), published by the staff,
  // with a slot for everyone: sign-up and check-in for the whole crowd.
  const created = await call(
    'timebank',
    'activity.create',
    {
      title: '压测：社区环境清洁日',
      place: '潇湘社区广场',
      startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 90 * 60_000).toISOString(),
      slots: Math.max(1, residents),
    },
    staff,
  );
  let activity: { id: string; code: string } | null = null;
  if (created.ok) {
    const code = await call('timebank', 'attendance.code', { activityId: created.data.id }, staff);
    if (code.ok && typeof code.data?.code === 'string') activity = { id: created.data.id, code: code.data.code };
    else console.log(`  attendance.code: ${code.error?.code} ${code.error?.message}`);
  } else console.log(`  activity.create: ${created.error?.code} ${created.error?.message}`);
  if (!activity) console.log('  (no activity with check-in open: sign-up and check-in are skipped)');

  const latencies = new Map<string, number[]>();
  const outcomes = new Map<string, number>();
  const contention: string[] = [];
  let unexpected = 0;
  const timed = async (key: string, run: () => Promise<Answer>) => {
    const t0 = performance.now();
    const answer = await run();
    latencies.set(key, [...(latencies.get(key) ?? []), performance.now() - t0]);
    const outcome = answer.ok ? 'ok' : (answer.error?.code ?? 'unknown');
    outcomes.set(`${key} ${outcome}`, (outcomes.get(`${key} ${outcome}`) ?? 0) + 1);
    // Every key here is fresh, so a CONFLICT is contention whose retries ran out.
    if (outcome === 'CONFLICT') contention.push(`${key}: ${answer.error?.message}`);
    else if (!answer.ok && !EXPECTED.has(outcome)) unexpected += 1;
    return answer;
  };
  process.env.SILENCE = 'true';
  const dbCallsBefore = Object.values(loopback.actionCounts()).reduce((a, b) => a + b, 0);
  const conflictsBefore = loopback.conflicts();
  loopback.setLatency(latencyMs);
  const started = Date.now();
  const requested: string[] = [];
  await Promise.all(
    people.map(async (person) => {
      await Promise.all([
        timed('greencoin.redeem.request', async () => {
          const answer = await call(
            'greencoin',
            'redeem.request',
            {
              goodsId: goods[person.i % Math.max(1, goods.length)]?.id ?? 'none',
              quantity: 1,
              idempotencyKey: `load-redeem-${person.i}`,
            },
            person.token,
          );
          if (answer.ok) requested.push(answer.data.id);
          return answer;
        }),
        timed('reports.submit', () =>
          call(
            'reports',
            'submit',
            {
              category,
              description: `压测上报：楼道堆放杂物 ${person.i}`,
              photos: [person.photo],
              location: { address: `潇湘社区 ${person.i} 栋` },
              idempotencyKey: `load-report-${person.i}`,
            },
            person.token,
          ),
        ),
        (async () => {
          if (!activity) return;
          const signUp = await timed('timebank.activity.signUp', () =>
            call('timebank', 'activity.signUp', { activityId: activity.id }, person.token),
          );
          if (signUp.ok)
            await timed('timebank.attendance.checkIn', () =>
              call('timebank', 'attendance.checkIn', { activityId: activity.id, code: activity.code }, person.token),
            );
        })(),
      ]);
    }),
  );
  // Then the staff approve every request at once (the workbench's batch approval): each approval
  // posts the held coins to the community's redemption sink.
  await Promise.all(
    requested.map((redemptionId, n) =>
      timed('greencoin.redeem.approve', () =>
        call('greencoin', 'redeem.approve', { redemptionId, idempotencyKey: `load-approve-${n}` }, staff),
      ),
    ),
  );
  const elapsed = (Date.now() - started) / 1000;
  loopback.setLatency(0);
  const dbCalls = Object.values(loopback.actionCounts()).reduce((a, b) => a + b, 0) - dbCallsBefore;
  const all = [...latencies.values()].flat();
  console.log(`load (cloudbase): ${residents} residents at once, ${elapsed.toFixed(1)} s`);
  console.log(
    `total ${all.length} calls · ${(all.length / elapsed).toFixed(0)} calls/s · p50 ${percentile(all, 50).toFixed(0)} ms · p99 ${percentile(all, 99).toFixed(0)} ms · ${dbCalls} database calls`,
  );
  for (const [key, values] of [...latencies.entries()].sort()) {
    console.log(
      `  ${key.padEnd(28)} ${String(values.length).padStart(5)} calls · p50 ${percentile(values, 50).toFixed(0)} ms · p99 ${percentile(values, 99).toFixed(0)} ms`,
    );
  }
  console.log(`outcomes: ${[...outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `retries: ${retries} transaction attempts retried after DATABASE_TRANSACTION_CONFLICT (${loopback.conflicts() - conflictsBefore} write-write conflicts on the server)`,
  );
  for (const line of loopback.hotDocuments(12)) console.log(`  conflicts on ${line}`);

  let invariantsHold = unexpected === 0;
  const admin = await login('demo-admin');
  for (const currency of ['GC', 'TP']) {
    const check = await call('greencoin', 'ledger.reconcile', { currency }, admin);
    console.log(`invariant ledger ${currency}: ${JSON.stringify(check.ok ? check.data : check.error)}`);
    if (!check.ok || check.data?.ok === false) invariantsHold = false;
  }
  const stock = await call('greencoin', 'stock.reconcile', { month: new Date().toISOString().slice(0, 7) }, staff);
  const rows: Array<{ name: string; consistent: boolean }> = stock.ok ? stock.data.rows : [];
  const broken = rows.filter((r) => !r.consistent).map((r) => r.name);
  console.log(
    `invariant stock: ${stock.ok ? `${rows.length} goods, ${broken.length ? `inconsistent: ${broken.join('、')}` : 'all consistent'}` : JSON.stringify(stock.error)}`,
  );
  if (!stock.ok || broken.length > 0) invariantsHold = false;
  console.log(invariantsHold ? 'invariants: hold' : `invariants: VIOLATED (${unexpected} unexpected failures)`);
  for (const line of contention.slice(0, 5)) console.log(`  conflict: ${line}`);
  console.log(`user-visible conflicts: ${contention.length}`);
  server.close();
  await runtime.close();
  await loopback.close();
  process.exit(invariantsHold && contention.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
