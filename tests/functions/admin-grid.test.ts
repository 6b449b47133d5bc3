import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoPolygon } from '../../cloudfunctions/_core/domain/geo';
import { COLLECTIONS, type GridDoc } from '../../cloudfunctions/_core/domain/people';
import { DEMO } from '../../local/seed';
import { GRID_SHAPES } from '../../local/seeds/places';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

type Envelope = { ok: boolean; error?: { code: string; message: string } };
const failure = (res: Envelope) => (res.ok ? 'ok' : `${res.error?.code} ${res.error?.message}`);

/** A block east of 翠峰 (GCJ-02), closed. */
const OUTLINE: GeoPolygon = {
  type: 'Polygon',
  coordinates: [
    [
      [112.96, 28.231],
      [112.9635, 28.2312],
      [112.9638, 28.228],
      [112.9602, 28.2278],
      [112.96, 28.231],
    ],
  ],
};
const grid = (extra: Record<string, unknown> = {}) => ({
  id: 'grid-cuifeng-2',
  communityId: DEMO.communityB,
  name: '翠峰第二网格',
  addresses: ['翠峰 8 栋 1 单元', '翠峰 9 栋', '翠峰幼儿园门口'],
  ...extra,
});
const stored = () => t.runtime.store.get<GridDoc>(COLLECTIONS.grids, 'grid-cuifeng-2');

describe('admin.grid.save: the outline (GeoJSON) and the address list', () => {
  it('an admin draws a new grid: its outline then places reports, its addresses are offered', async () => {
    const admin = t.as('demo-admin');
    const saved = await admin.ok('admin', 'grid.save', grid({ boundary: OUTLINE }));
    expect(saved.boundary?.coordinates[0]).toHaveLength(5);
    expect((await stored())?.boundary).toEqual(OUTLINE);
    // The grid is used at once: a point inside it is found there, and its list is offered.
    const found = await admin.ok('reports', 'locate', {
      communityId: DEMO.communityB,
      latitude: 28.2295,
      longitude: 112.962,
    });
    expect(found).toMatchObject({ gridId: 'grid-cuifeng-2', inside: true, message: '位置在翠峰第二网格内' });
    const places = await admin.ok('reports', 'places', { communityId: DEMO.communityB });
    expect(places.items.find((g) => g.id === 'grid-cuifeng-2')).toMatchObject({
      addresses: ['翠峰 8 栋 1 单元', '翠峰 9 栋', '翠峰幼儿园门口'],
      boundary: OUTLINE,
    });
  });

  it('saving without an outline keeps it; null removes it; each change is audited with what happened', async () => {
    const admin = t.as('demo-admin');
    const kept = await admin.ok('admin', 'grid.save', grid({ addresses: ['翠峰 8 栋 1 单元'] }));
    expect(kept.boundary).toEqual(OUTLINE);
    expect((await stored())?.addresses).toEqual(['翠峰 8 栋 1 单元']);
    await admin.ok('admin', 'grid.save', grid({ boundary: null }));
    expect((await stored())?.boundary ?? null).toBeNull();
    await admin.ok('admin', 'grid.save', grid({ boundary: OUTLINE }));
    const audit = await admin.ok('admin', 'audit.list', { communityId: DEMO.communityB, limit: 50 });
    const grids = audit.items.filter((i) => i.action.startsWith('admin.grid.'));
    expect(grids.length).toBeGreaterThanOrEqual(4);
  });

  it('a pasted outline with 15 decimals is stored rounded to 6 (≈0.1 m)', async () => {
    const noisy: GeoPolygon = {
      type: 'Polygon',
      coordinates: [OUTLINE.coordinates[0]?.map(([x, y]) => [x + 1.23456789e-9, y - 9.87654321e-9]) ?? []],
    };
    await t.as('demo-admin').ok('admin', 'grid.save', grid({ boundary: noisy }));
    expect((await stored())?.boundary).toEqual(OUTLINE);
  });

  it('bad outlines are refused in words, and nothing is written', async () => {
    const admin = t.as('demo-admin');
    const before = await stored();
    const ring = OUTLINE.coordinates[0] ?? [];
    const cases: Array<[string, unknown, RegExp]> = [
      ['not closed', { type: 'Polygon', coordinates: [ring.slice(0, -1)] }, /没有闭合：最后一个点要与第一个点相同/],
      [
        'two distinct points',
        {
          type: 'Polygon',
          coordinates: [
            [
              [112.96, 28.23],
              [112.961, 28.23],
              [112.96, 28.23],
              [112.96, 28.23],
            ],
          ],
        },
        /至少要有 3 个不同的点/,
      ],
      [
        'latitude and longitude swapped',
        { type: 'Polygon', coordinates: [ring.map(([x, y]) => [y, x])] },
        /第 1 个点（28\.231, 112\.96）不在中国境内：请按「经度, 纬度」的顺序填写/,
      ],
      [
        'too many vertices',
        {
          type: 'Polygon',
          coordinates: [
            [
              ...Array.from({ length: 260 }, (_, i) => [
                112.96 + 0.002 * Math.cos((i / 260) * 2 * Math.PI),
                28.229 + 0.002 * Math.sin((i / 260) * 2 * Math.PI),
              ]),
              [112.962, 28.229],
            ],
          ],
        },
        /有 261 个点，最多 200 个/,
      ],
      ['a point, not a polygon', { type: 'Point', coordinates: [112.96, 28.23] }, /网格范围/],
      ['no rings', { type: 'Polygon', coordinates: [] }, /网格范围/],
    ];
    for (const [what, boundary, message] of cases) {
      const res = await admin.call('admin', 'grid.save', grid({ boundary, addresses: ['被拒绝时不应写入'] }));
      expect(failure(res), what).toMatch(/^INVALID_INPUT /);
      expect(failure(res), what).toMatch(message);
    }
    expect(await stored()).toEqual(before);
  });

  it('staff, residents and grid workers cannot change a grid outline', async () => {
    // The demo seed's outlines are what the page opens with.
    expect((await t.runtime.store.get<GridDoc>(COLLECTIONS.grids, DEMO.gridA1))?.boundary).toEqual(
      GRID_SHAPES[DEMO.gridA1]?.boundary,
    );
    for (const persona of ['demo-staff', 'demo-resident', 'demo-gridworker']) {
      const res = await t.as(persona).call('admin', 'grid.save', {
        id: DEMO.gridA1,
        communityId: DEMO.communityA,
        name: '潇湘第一网格',
        addresses: [],
        boundary: OUTLINE,
      });
      expect(failure(res), persona).toMatch(/^FORBIDDEN/);
    }
    expect((await t.runtime.store.get<GridDoc>(COLLECTIONS.grids, DEMO.gridA1))?.boundary).toEqual(
      GRID_SHAPES[DEMO.gridA1]?.boundary,
    );
  });
});
