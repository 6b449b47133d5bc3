import type { GeoPolygon } from '../../cloudfunctions/_core/domain/geo';
import { COLLECTIONS } from '../../cloudfunctions/_core/domain/people';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

// Ids spelled out (not DEMO from ../seed): seed.ts imports this module before it defines DEMO.
const DEMO = {
  communityA: 'community-xiaoxiang',
  communityB: 'community-cuifeng',
  gridA1: 'grid-xiaoxiang-1',
  gridA2: 'grid-xiaoxiang-2',
  gridB1: 'grid-cuifeng-1',
} as const;

/** The letters that start each demo community's 工单编号 (潇湘 XX, 翠峰 CF). */
export const CASE_CODES: Record<string, string> = { [DEMO.communityA]: 'XX', [DEMO.communityB]: 'CF' };

const ring = (points: Array<[number, number]>): GeoPolygon => ({
  type: 'Polygon',
  coordinates: [[...points, points[0] as [number, number]]],
});

/**
 * Grid outlines drawn along streets of a real-looking block (GCJ-02, as WeChat's map uses): the two
 * 潇湘 grids share their middle edge, 翠峰 lies a street further east. Tests use points inside,
 * between and outside them.
 */
export const GRID_SHAPES: Record<string, { boundary: GeoPolygon; addresses: string[] }> = {
  [DEMO.gridA1]: {
    boundary: ring([
      [112.938, 28.23],
      [112.9412, 28.2303],
      [112.9418, 28.2281],
      [112.9409, 28.2262],
      [112.9383, 28.2265],
      [112.9374, 28.2284],
    ]),
    addresses: [
      '1 栋 1 单元',
      '1 栋 2 单元',
      '2 栋 1 单元',
      '2 栋 2 单元',
      '3 栋 1 单元',
      '南门绿化带',
      '社区卫生服务站',
      '潇湘路人行道',
    ],
  },
  [DEMO.gridA2]: {
    boundary: ring([
      [112.9412, 28.2303],
      [112.9445, 28.2306],
      [112.9451, 28.2284],
      [112.944, 28.226],
      [112.9409, 28.2262],
      [112.9418, 28.2281],
    ]),
    addresses: ['5 栋 1 单元', '5 栋 2 单元', '6 栋 1 单元', '7 栋 1 单元', '地下车库 B 口', '北门临时堆放点'],
  },
  [DEMO.gridB1]: {
    boundary: ring([
      [112.95, 28.231],
      [112.9535, 28.2312],
      [112.9538, 28.228],
      [112.9502, 28.2278],
    ]),
    addresses: ['翠峰 1 栋', '翠峰 2 栋', '翠峰菜市场'],
  },
};

/** Outlines and address lists for the demo grids, and the communities' case-number letters. */
export async function seedPlaces(store: DocStore): Promise<void> {
  for (const [gridId, shape] of Object.entries(GRID_SHAPES)) {
    await store.updateById(COLLECTIONS.grids, gridId, { $set: shape });
  }
  for (const [communityId, caseCode] of Object.entries(CASE_CODES)) {
    await store.updateById(COLLECTIONS.communities, communityId, { $set: { caseCode } });
  }
}
