import type { IdentityDoc, UserDoc } from '../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../cloudfunctions/_core/domain/privacy';
import type { DocStore } from '../cloudfunctions/_core/store/docstore';
import type { LocalRuntime } from '../local/runtime';
import { DEMO } from '../local/seed';

export const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 10_000);
const BATCH = 1000;

export const residentOpenid = (i: number) => `bench-resident-${i}`;

/** Inserts documents in transactions of BATCH, skipping ids that exist (so reruns resume). */
export async function insertMany<T extends { _id: string }>(
  store: DocStore,
  collection: string,
  count: number,
  make: (i: number) => T,
) {
  for (let start = 0; start < count; start += BATCH) {
    const first = make(start);
    if (await store.get(collection, first._id)) continue;
    await store.runTransaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i += 1) await tx.insert(collection, make(i));
    });
  }
}

export interface HotAction {
  fn: string;
  action: string;
  make: (i: number) => { openid: string; payload: unknown };
  /** Codes that are a normal answer under load (e.g. a daily limit), not a failure. */
  acceptedErrors?: string[];
  calls?: number;
}

/** The actions a resident's phone calls most; the bench skips those not built yet. */
export const HOT_ACTIONS: HotAction[] = [
  { fn: 'identity', action: 'me', make: (i) => ({ openid: residentOpenid(i % RESIDENTS), payload: {} }) },
];

/** 10,000 residents (and, as the contexts exist, their reports and ledger entries). */
export async function seedBenchDataset(
  runtime: LocalRuntime,
  progress: (line: string) => void,
): Promise<Record<string, number>> {
  const now = new Date('2026-11-01T08:00:00+08:00').toISOString();
  progress(`residents: ${RESIDENTS}`);
  await insertMany<UserDoc>(runtime.store, 'users', RESIDENTS, (i) => ({
    _id: `bench-user-${i}`,
    nickname: `居民${i}`,
    phone: `139${String(i).padStart(8, '0')}`,
    communityId: i % 2 === 0 ? DEMO.communityA : DEMO.communityB,
    gridId: i % 2 === 0 ? (i % 4 === 0 ? DEMO.gridA1 : DEMO.gridA2) : DEMO.gridB1,
    grants: [{ role: 'resident', communityId: i % 2 === 0 ? DEMO.communityA : DEMO.communityB }],
    privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
    createdAt: now,
    updatedAt: now,
  }));
  await insertMany<IdentityDoc>(runtime.store, 'identities', RESIDENTS, (i) => ({
    _id: residentOpenid(i),
    userId: `bench-user-${i}`,
  }));
  return { users: await runtime.store.count('users', {}) };
}
