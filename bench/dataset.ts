import { issuerAccount, userAccount } from '../cloudfunctions/_core/domain/ledger/accounts';
import type { IdentityDoc, UserDoc } from '../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../cloudfunctions/_core/domain/privacy';
import { figureKey } from '../cloudfunctions/_core/domain/reports/figures';
import { newReportDoc } from '../cloudfunctions/_core/domain/reports/new';
import type { ReportDoc } from '../cloudfunctions/_core/domain/reports/types';
import { post } from '../cloudfunctions/_core/ledger';
import { figuresFromReports } from '../cloudfunctions/_core/ledger/reportFigures';
import type { DocStore } from '../cloudfunctions/_core/store/docstore';
import type { LocalRuntime } from '../local/runtime';
import { DEMO } from '../local/seed';

export const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 10_000);
export const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
/** Each posting writes two entries (double entry). */
export const LEDGER_ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 1_000_000);
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
  /** Shown instead of `fn.action` when one action is measured more than once. */
  label?: string;
}

/** A year holding every report of the dataset (they are filed in the 300 days before 2026-11-01). */
export const FIGURES_YEAR = { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' };

/** The actions a resident's phone calls most; the bench skips those not built yet. */
let photoId = '';
let goodsIds: string[] = [];

export const HOT_ACTIONS: HotAction[] = [
  { fn: 'identity', action: 'me', make: (i) => ({ openid: residentOpenid(i % RESIDENTS), payload: {} }) },
  {
    fn: 'reports',
    action: 'submit',
    // A different resident each time: the per-person daily limit is not what is measured.
    make: (i) => ({
      openid: residentOpenid((i * 7 + 1) % RESIDENTS),
      payload: {
        category: 'environment',
        description: '楼道堆放杂物，影响通行和消防安全',
        photos: [photoId],
        location: { address: '潇湘社区 3 栋 2 单元' },
        anonymous: false,
      },
    }),
    acceptedErrors: ['RATE_LIMITED'],
  },
  {
    fn: 'reports',
    action: 'mine',
    make: (i) => ({ openid: residentOpenid(i % RESIDENTS), payload: { group: 'all', skip: 0, limit: 20 } }),
  },
  { fn: 'greencoin', action: 'balance', make: (i) => ({ openid: residentOpenid(i % RESIDENTS), payload: {} }) },
  {
    fn: 'greencoin',
    action: 'redeem.request',
    // Even-numbered residents live in the community whose supermarket has the goods.
    make: (i) => ({
      openid: residentOpenid((i * 2) % RESIDENTS),
      payload: {
        goodsId: goodsIds[i % Math.max(1, goodsIds.length)] ?? 'none',
        quantity: 1,
        idempotencyKey: `bench-redeem-${i}`,
      },
    }),
    // Stock and per-person limits run out under a benchmark: those answers are part of the work.
    acceptedErrors: ['OUT_OF_STOCK', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
  },
  {
    fn: 'deliberation',
    action: 'notices.list',
    make: (i) => ({ openid: residentOpenid(i % RESIDENTS), payload: { skip: 0, limit: 20 } }),
  },
  // Staff figures (issue 7) over the dataset's reports: one community holds half of them, the city all.
  {
    fn: 'admin',
    action: 'figures',
    label: 'admin.figures (community, 1 year)',
    make: () => ({ openid: 'demo-staff', payload: { scope: 'community', id: DEMO.communityA, ...FIGURES_YEAR } }),
    calls: 20,
  },
  {
    fn: 'admin',
    action: 'figures',
    label: 'admin.figures (city, 1 year)',
    make: () => ({ openid: 'demo-admin', payload: { scope: 'city', id: 'city', ...FIGURES_YEAR } }),
    calls: 20,
  },
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

  photoId = await runtime.files.save({ bytes: TINY_JPEG, contentType: 'image/jpeg', ownerId: 'bench' });
  const goods = await runtime.invoke(
    'greencoin',
    { action: 'goods.list', payload: { skip: 0, limit: 20 } },
    residentOpenid(0),
  );
  goodsIds = goods.ok ? (goods.data as { items: Array<{ id: string }> }).items.map((g) => g.id) : [];

  // Reports: one filed through the real handler, then cloned with other reporters, times and statuses.
  if (REPORTS > 0 && !(await runtime.store.get('reports', 'bench-report-0'))) {
    const filed = await runtime.invoke(
      'reports',
      { action: 'submit', payload: HOT_ACTIONS[1]?.make(0).payload },
      residentOpenid(1),
    );
    if (!filed.ok) throw new Error(`template report: ${filed.error.code} ${filed.error.message}`);
    const [template] = await runtime.store.find<{ _id: string } & Record<string, unknown>>(
      'reports',
      { reporterUserId: 'bench-user-1' },
      { limit: 1 },
    );
    if (!template) throw new Error('template report not found');
    progress(`reports: ${REPORTS}`);
    await insertReports(runtime.store, template as unknown as ReportDoc, REPORTS, now);
  }

  // Ledger: real double-entry postings from the community's issuer to residents (two entries each).
  const postings = Math.floor(LEDGER_ENTRIES / 2);
  progress(`ledger entries: ${postings * 2}`);
  for (let start = 0; start < postings; start += BATCH) {
    if (await runtime.store.get('ledger_entries', `bench-post-${start}:0`)) continue;
    await runtime.store.runTransaction(async (tx) => {
      for (let i = start; i < Math.min(postings, start + BATCH); i += 1) {
        const resident = i % RESIDENTS;
        const communityId = resident % 2 === 0 ? DEMO.communityA : DEMO.communityB;
        await post(tx, {
          id: `bench-post-${i}`,
          currency: 'GC',
          from: issuerAccount('GC', communityId),
          to: userAccount('GC', `bench-user-${resident}`),
          amount: 1 + (i % 5),
          reason: '基准测试：绿币评定',
          kind: 'award',
          at: now,
        });
      }
    });
    if (start % 100_000 === 0) progress(`  … ${start * 2} entries`);
  }
  return { users: RESIDENTS, reports: REPORTS, ledgerEntries: postings * 2 };
}

/** Reports of the dataset are spread evenly over this many days before `now`: more reports = denser, not longer. */
export const REPORT_SPREAD_DAYS = 300;

/**
 * Clones of a real report with other reporters, grids, times and statuses, and their grid-day
 * counters computed as the handlers keep them (figuresFromReports), written directly: seeding
 * 300,000 reports must not go through 300,000 transactions.
 */
export async function insertReports(store: DocStore, template: ReportDoc, count: number, nowIso: string) {
  const statuses = ['submitted', 'dispatched', 'accepted', 'in_progress', 'resolved', 'closed'] as const;
  const spreadMs = REPORT_SPREAD_DAYS * 86400_000;
  const make = (i: number): ReportDoc => {
    const resident = i % RESIDENTS;
    const createdAt = new Date(Date.parse(nowIso) - spreadMs + Math.floor((i / count) * spreadMs)).toISOString();
    return {
      ...template,
      _id: `bench-report-${i}`,
      reporterUserId: `bench-user-${resident}`,
      communityId: resident % 2 === 0 ? DEMO.communityA : DEMO.communityB,
      gridId: resident % 2 === 0 ? (resident % 4 === 0 ? DEMO.gridA1 : DEMO.gridA2) : DEMO.gridB1,
      status: statuses[i % statuses.length] as ReportDoc['status'],
      escalation: i % 7 === 0 ? 1 : 0,
      createdAt,
      updatedAt: createdAt,
    };
  };
  await insertMany(store, 'reports', count, make);
  // Counters already written by an earlier run (the first clone's counter exists): done.
  if (await store.get('report_figures', figureKey(make(0)).id)) return;
  const all = function* () {
    for (let i = 0; i < count; i += 1) yield make(i);
  };
  const docs = [...figuresFromReports(all()).values()];
  for (let start = 0; start < docs.length; start += BATCH) {
    await store.runTransaction(async (tx) => {
      for (const doc of docs.slice(start, start + BATCH)) await tx.insert('report_figures', doc);
    });
  }
}

/** A report as `reports.submit` files it, without going through it (the figures bench has no files). */
export function templateReport(nowIso: string): ReportDoc {
  // Zero SLA hours: the template's deadlines fall at filing time, as the benchmark always had them.
  return newReportDoc({
    id: 'bench-template',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA1,
    category: { _id: 'environment', responseHours: 0, resolveHours: 0 },
    description: '楼道堆放杂物，影响通行和消防安全',
    photos: [],
    location: { address: '潇湘社区 3 栋 2 单元' },
    anonymous: false,
    reporterUserId: 'bench-user-0',
    filedByUserId: null,
    at: nowIso,
  });
}

/** The smallest valid JPEG (1×1), as the benchmark's photo. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
