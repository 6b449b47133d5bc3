import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore, type EmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { INDEXES, type IndexSpec } from '../../cloudfunctions/_core/store/indexes';

interface Item {
  _id: string;
  communityId: string;
  status: string;
  createdAt: string;
  score: number;
  tags?: string[];
}

describe('embedded store: pages ordered in SQL, counts in SQL when exact', () => {
  let store: EmbeddedStore;
  const items: Item[] = Array.from({ length: 600 }, (_, i) => ({
    _id: `item-${String(i).padStart(4, '0')}`,
    communityId: i % 3 === 0 ? 'a' : 'b',
    status: ['open', 'closed', 'rework'][(i % 5) % 3] as string,
    createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 600) * 60_000).toISOString(),
    score: (i * 31) % 17,
    ...(i % 4 === 0 ? { tags: ['x'] } : {}),
  }));

  beforeEach(async () => {
    store = createEmbeddedStore({
      file: ':memory:',
      indexes: [
        {
          collection: 'items',
          fields: [
            ['communityId', 1],
            ['createdAt', -1],
          ],
        },
        { collection: 'items', fields: [['status', 1]] },
      ],
    });
    await store.runTransaction(async (tx) => {
      for (const item of items) await tx.insert('items', item);
    });
  });
  afterEach(() => store.close());

  /** What a page must be: the reference computed in JavaScript. */
  const reference = (
    filter: (i: Item) => boolean,
    compare: (a: Item, b: Item) => number,
    skip: number,
    limit: number,
  ) =>
    items
      .filter(filter)
      .sort((a, b) => compare(a, b) || (a._id < b._id ? -1 : 1))
      .slice(skip, skip + limit)
      .map((i) => i._id);

  it('an exact filter pages through the index without a full scan', async () => {
    store.resetStats();
    for (const skip of [0, 20, 180]) {
      const page = await store.find<Item>(
        'items',
        { communityId: 'a' },
        { orderBy: [['createdAt', 'desc']], skip, limit: 20 },
      );
      expect(page.map((i) => i._id)).toEqual(
        reference(
          (i) => i.communityId === 'a',
          (x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0),
          skip,
          20,
        ),
      );
    }
    expect(store.stats().fullScans.items ?? 0).toBe(0);
  });

  it('a filter SQL cannot decide alone is still matched by mingo, in order, with skip and limit', async () => {
    const page = await store.find<Item>(
      'items',
      { communityId: 'b', score: { $gte: 8 }, tags: { $exists: false } },
      {
        orderBy: [
          ['score', 'desc'],
          ['createdAt', 'asc'],
        ],
        skip: 5,
        limit: 30,
      },
    );
    expect(page.map((i) => i._id)).toEqual(
      reference(
        (i) => i.communityId === 'b' && i.score >= 8 && i.tags === undefined,
        (x, y) => y.score - x.score || (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0),
        5,
        30,
      ),
    );
  });

  it('counts exactly, in SQL for string equality and by matching otherwise', async () => {
    expect(await store.count('items', { communityId: 'a' })).toBe(items.filter((i) => i.communityId === 'a').length);
    expect(await store.count('items', { status: { $in: ['open', 'rework'] }, communityId: 'b' })).toBe(
      items.filter((i) => i.status !== 'closed' && i.communityId === 'b').length,
    );
    expect(await store.count('items', { communityId: 'a', score: { $lt: 3 } })).toBe(
      items.filter((i) => i.communityId === 'a' && i.score < 3).length,
    );
    // A number never equals a string in Mongo: the exact path must not coerce.
    expect(await store.count('items', { communityId: 1 as unknown as string })).toBe(0);
  });
});

describe('embedded store: ranges are exact in SQL (type-guarded), so they count without parsing', () => {
  it('counts an ISO date range and a numeric range like Mongo, across mixed types', async () => {
    const store = createEmbeddedStore({
      file: ':memory:',
      indexes: [
        {
          collection: 'r',
          fields: [
            ['communityId', 1],
            ['createdAt', 1],
          ],
        },
        { collection: 'r', fields: [['score', 1]] },
      ],
    });
    try {
      const docs = [
        { _id: '1', communityId: 'a', createdAt: '2026-01-05T00:00:00.000Z', score: 5 },
        { _id: '2', communityId: 'a', createdAt: '2026-02-01T00:00:00.000Z', score: '5' },
        { _id: '3', communityId: 'a', createdAt: 20260110, score: true },
        { _id: '4', communityId: 'a', score: 1 },
        { _id: '5', communityId: 'b', createdAt: '2026-01-20T00:00:00.000Z', score: 9 },
      ];
      for (const doc of docs) await store.insert('r', doc);
      expect(await store.count('r', { createdAt: { $lt: '2027' } })).toBe(3);
      store.resetStats();
      // Numbers never fall inside a string range in Mongo, nor strings inside a numeric one.
      expect(await store.count('r', { communityId: 'a', createdAt: { $gte: '2026-01-01', $lt: '2026-02-01' } })).toBe(
        1,
      );
      expect(await store.count('r', { score: { $gte: 1 } })).toBe(3);
      expect(await store.count('r', { score: { $lte: 5 } })).toBe(2);
      const page = await store.find<{ _id: string }>(
        'r',
        { score: { $gt: 0 } },
        { orderBy: [['score', 'desc']], limit: 2 },
      );
      expect(page.map((d) => d._id)).toEqual(['5', '1']);
      expect(store.stats().fullScans.r ?? 0).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('embedded store: keyset pages walk an index in _id order (issue 19)', () => {
  // 50k report counters of 40 grids in 8 communities over 250 days, a fifth of them dirty.
  const docs = Array.from({ length: 50_000 }, (_, i) => {
    const grid = i % 40;
    const day = new Date(Date.UTC(2026, 0, 1) + (Math.floor(i / 40) % 250) * 86_400_000).toISOString().slice(0, 10);
    return {
      _id: `grid-${grid}|${day}|${Math.floor(i / 10_000)}`,
      gridId: `grid-${grid}`,
      communityId: `community-${grid % 8}`,
      day,
      dirty: Math.floor(i / 40) % 5 === 0,
      total: 1,
    };
  });
  type Doc = (typeof docs)[number];
  const FIRST = '2026-02-01';
  const LAST = '2026-08-31';
  /** Every keyset read the figures make of report_figures (readPages, the fold), with its reference. */
  const SHAPES: Array<{ name: string; filter: Record<string, unknown>; keep: (d: Doc) => boolean }> = [
    {
      name: 'a community, a period',
      filter: { communityId: 'community-3', day: { $gte: FIRST, $lte: LAST } },
      keep: (d) => d.communityId === 'community-3' && d.day >= FIRST && d.day <= LAST,
    },
    {
      name: 'a grid, a period',
      filter: { gridId: 'grid-11', day: { $gte: FIRST, $lte: LAST } },
      keep: (d) => d.gridId === 'grid-11' && d.day >= FIRST && d.day <= LAST,
    },
    {
      name: "a community's dirty counters",
      filter: { dirty: true, communityId: 'community-3', day: { $gte: FIRST, $lte: LAST } },
      keep: (d) => d.dirty && d.communityId === 'community-3' && d.day >= FIRST && d.day <= LAST,
    },
    {
      name: "a grid's dirty counters",
      filter: { dirty: true, gridId: 'grid-11', day: { $gte: FIRST, $lte: LAST } },
      keep: (d) => d.dirty && d.gridId === 'grid-11' && d.day >= FIRST && d.day <= LAST,
    },
    {
      name: "the fold's dirty counters of finished days",
      filter: { dirty: true, day: { $lt: LAST } },
      keep: (d) => d.dirty && d.day < LAST,
    },
  ];
  const figureIndexes = INDEXES.filter((s) => s.collection === 'report_figures');
  /** The (scope, day) indexes the counters had before: every page sorted every match again. */
  const before: IndexSpec[] = [
    ['gridId', 'day'],
    ['communityId', 'day'],
    ['dirty', 'day'],
    ['communityId', 'dirty', 'day'],
    ['gridId', 'dirty', 'day'],
  ].map((fields) => ({ collection: 'report_figures', fields: fields.map((f) => [f, 1] as [string, 1]) }));

  async function storeWith(indexes: IndexSpec[]): Promise<EmbeddedStore> {
    const store = createEmbeddedStore({ file: ':memory:', indexes });
    await store.runTransaction(async (tx) => {
      for (const d of docs) await tx.insert('report_figures', d);
    });
    return store;
  }

  /** A page after a cursor in the middle: the query every page but the first runs. */
  const pageAfter = (filter: Record<string, unknown>) => ({ ...filter, _id: { $gt: 'grid-2|2026-03-01|0' } });
  const sorts = (plan: string[] | null) => plan === null || plan.some((s) => s.includes('TEMP B-TREE'));

  it('plans every page of the figures reads without a sort, and pages give exactly the matches', async () => {
    const store = await storeWith(figureIndexes);
    try {
      for (const shape of SHAPES) {
        const plan = await store.plan('report_figures', pageAfter(shape.filter), {
          orderBy: [['_id', 'asc']],
          limit: 1000,
        });
        // Walking an index from the cursor in _id order: a page reads on from where the last one
        // stopped, so all pages together read each index entry of the scope once.
        expect(sorts(plan), `${shape.name}: ${plan?.join(' / ')}`).toBe(false);
        expect(plan?.join(' '), shape.name).toMatch(/USING (COVERING )?INDEX .*id>\?/);
        const got: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page: Doc[] = await store.find<Doc>(
            'report_figures',
            after === null ? shape.filter : { ...shape.filter, _id: { $gt: after } },
            { orderBy: [['_id', 'asc']], limit: 1000 },
          );
          got.push(...page.map((d) => d._id));
          if (page.length < 1000) break;
          after = page[page.length - 1]?._id ?? null;
        }
        const want = docs
          .filter(shape.keep)
          .map((d) => d._id)
          .sort();
        expect(want.length, shape.name).toBeGreaterThan(200);
        expect(got, shape.name).toEqual(want);
      }
      expect(store.stats().fullScans.report_figures ?? 0).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('the (scope, day) indexes it replaced sort every match again on each page', async () => {
    const store = await storeWith(before);
    try {
      for (const shape of SHAPES.slice(0, 2)) {
        const plan = await store.plan('report_figures', pageAfter(shape.filter), {
          orderBy: [['_id', 'asc']],
          limit: 1000,
        });
        expect(sorts(plan), `${shape.name}: ${plan?.join(' / ')}`).toBe(true);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
