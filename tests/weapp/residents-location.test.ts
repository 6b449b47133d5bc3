import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';

const DIST = path.resolve(__dirname, '..', '..', 'dist');

interface Marker {
  id: number;
  latitude: number;
  longitude: number;
  iconPath: string;
}
interface Polygon {
  points: Array<{ latitude: number; longitude: number }>;
  strokeWidth: number;
}

/** Waits (settling) until the top page renders WeChat's <map> (it appears once the outlines arrive). */
async function mapShown(weapp: Weapp): Promise<void> {
  const started = Date.now();
  while (weapp.find('wx-map').length === 0 && Date.now() - started < 15_000) await weapp.settle(30, 2_000);
}

/** The props WeChat's <map> received on the top page (the runtime registers map with its properties). */
function mapProps(weapp: Weapp): { markers: Marker[]; polygons: Polygon[]; latitude: number; longitude: number } {
  const map = weapp.find('wx-map')[0];
  if (!map) throw new Error(`no <map> on ${weapp.page.route}`);
  return {
    markers: weapp.prop(map, 'markers') as Marker[],
    polygons: weapp.prop(map, 'polygons') as Polygon[],
    latitude: weapp.prop(map, 'latitude') as number,
    longitude: weapp.prop(map, 'longitude') as number,
  };
}

/** The report being written, as the form keeps it on the phone. */
const draft = () =>
  (globalThis as unknown as { wx: { getStorageSync(key: string): unknown } }).wx.getStorageSync(
    'gongzhi.report.draft',
  ) as { place: { address: string; latitude?: number; longitude?: number }; gridId?: string } | undefined;

function bytesUnder(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    total += statSync(file).isDirectory() ? bytesUnder(file) : statSync(file).size;
  }
  return total;
}

describe('app.json as WeChat reads it: the location API declared, the offline pages preloaded', () => {
  const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    requiredPrivateInfos?: string[];
    preloadRule?: Record<string, { network?: string; packages: string[] }>;
    subPackages: Array<{ root: string }>;
  };

  it('declares chooseLocation in requiredPrivateInfos (the base library refuses it otherwise)', () => {
    expect(appJson.requiredPrivateInfos).toContain('chooseLocation');
  });

  it('preloads 随手拍 and 爱心超市 from the home page on any network, within the 2 MB preload quota', () => {
    const rule = appJson.preloadRule?.['pages/index/index'];
    expect(rule?.network).toBe('all');
    expect(rule?.packages).toEqual(expect.arrayContaining(['packages/reports', 'packages/greencoin']));
    // Every preloaded package is a declared subpackage root, and together they fit the quota.
    const roots = new Set(appJson.subPackages.map((s) => s.root.replace(/\/$/, '')));
    for (const p of rule?.packages ?? []) expect(roots.has(p)).toBe(true);
    const bytes = (rule?.packages ?? []).reduce((n, p) => n + bytesUnder(path.join(DIST, p)), 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('随手拍 in the weapp: the place from wx.chooseLocation decides the grid; the map shows the outline and the pin', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-resident' }, { name: 'residents-location', journey: '地图选点' }, (app) => {
    weapp = app;
  });

  it('a point inside 潇湘第二网格 (not the reporter’s home grid) is found in it, and the map pins it there', async () => {
    await weapp.open('pages/report/index');
    await weapp.waitForText('问题类别');
    weapp.willPickPlace({ name: '5 栋', address: '潇湘路 12 号', latitude: 28.228, longitude: 112.943 });
    await weapp.tap('地图选点');
    await weapp.waitForText('位置在潇湘第二网格内');
    // The POI's name and address fill the place (kept in the draft the report is filed from).
    expect(draft()?.place).toEqual({ address: '5 栋 潇湘路 12 号', latitude: 28.228, longitude: 112.943 });
    await mapShown(weapp);
    const map = mapProps(weapp);
    // The pin where the person dropped it, drawn with the packaged image.
    expect(map.markers).toEqual([expect.objectContaining({ latitude: 28.228, longitude: 112.943 })]);
    expect(map.markers[0]?.iconPath).toBe('/assets/map/pin.png');
    expect(readFileSync(path.join(DIST, 'assets/map/pin.png')).subarray(1, 4).toString()).toBe('PNG');
    // Both grids of the community outlined; the one found drawn bold.
    expect(map.polygons).toHaveLength(2);
    expect(map.polygons.map((p) => p.strokeWidth).sort()).toEqual([1, 3]);
    const bold = map.polygons.find((p) => p.strokeWidth === 3);
    expect(bold?.points[0]).toEqual({ latitude: 28.2303, longitude: 112.9412 });
  });

  it('a point outside every grid goes to the nearest one, and the reporter is told how far it is', async () => {
    // Across the street east of 潇湘第二网格 (whose east edge is at 112.9451).
    weapp.willPickPlace({ name: '潇湘路口', address: '潇湘路 40 号', latitude: 28.2285, longitude: 112.9466 });
    await weapp.tap('地图选点');
    await weapp.waitForText('位置不在本社区任何网格内');
    expect(weapp.text()).toMatch(/已归入最近的潇湘第二网格（约 1\d\d 米）/);
    expect(mapProps(weapp).markers[0]).toMatchObject({ latitude: 28.2285, longitude: 112.9466 });
  });

  it('filed, the report is in that grid, and its detail draws the grid outline with the pin', async () => {
    await weapp.tap('+');
    await weapp.waitForText('1/9');
    await weapp.tap('环境卫生');
    await weapp.type(0, '路口井盖松动，车一过就响，晚上很吵。', 'textarea');
    await weapp.tap('提交上报');
    await weapp.waitForText('路口井盖松动');
    expect(weapp.page.route).toBe('packages/reports/detail/index');
    const stored = await weapp.loopback.backing.get<{
      _id: string;
      gridId: string;
      location: { latitude: number; longitude: number; address: string };
    }>('reports', weapp.page.query.id ?? '');
    expect(stored?.gridId).toBe('grid-xiaoxiang-2');
    expect(stored?.location).toMatchObject({ latitude: 28.2285, longitude: 112.9466 });
    await mapShown(weapp);
    const map = mapProps(weapp);
    expect(map.markers).toEqual([expect.objectContaining({ id: 1, latitude: 28.2285, longitude: 112.9466 })]);
    expect(map.polygons).toHaveLength(1);
    // The outline is grid 2's closed ring, as GeoJSON [lng, lat] turned into WeChat's points.
    expect(map.polygons[0]?.points).toHaveLength(7);
    expect(map.polygons[0]?.points[0]).toEqual(map.polygons[0]?.points[6]);
    expect(map.polygons[0]?.points).toContainEqual({ latitude: 28.2306, longitude: 112.9445 });
    // Centred on the pin.
    expect([map.latitude, map.longitude]).toEqual([28.2285, 112.9466]);
    expect(weapp.record.missing).toEqual([]);
  });
});
