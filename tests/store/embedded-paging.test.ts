import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore, type EmbeddedStore } from '../../cloudfunctions/_core/store/embedded';

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
