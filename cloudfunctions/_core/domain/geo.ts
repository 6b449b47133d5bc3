/**
 * Grid boundaries and "which grid is this point in". Pure: no SDK, no I/O.
 * Coordinates are GCJ-02 (what WeChat's map and chooseLocation use; h5 converts WGS84 first),
 * polygons are GeoJSON (`[longitude, latitude]` pairs, first ring the outline, further rings holes).
 */

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}

/**
 * A stored outline as plain GeoJSON. CloudBase's SDK turns any stored object shaped like GeoJSON
 * into its own Geo class on read (a Polygon with `lines`, no `coordinates`; its toJSON gives the
 * GeoJSON back), so code that reads `.coordinates` must go through this. Null when not a polygon.
 */
export function asGeoPolygon(value: unknown): GeoPolygon | null {
  if (!value || typeof value !== 'object') return null;
  const plain =
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  const polygon = plain as Partial<GeoPolygon> | null;
  return polygon?.type === 'Polygon' && Array.isArray(polygon.coordinates) ? (polygon as GeoPolygon) : null;
}

/** Vertices one ring may have: enough for a street block drawn by hand, small enough for a document. */
export const MAX_RING_POINTS = 200;

/** Even-odd ray casting on one ring; a point exactly on an edge counts as inside. */
function inRing(point: GeoPoint, ring: Array<[number, number]>): boolean {
  const x = point.longitude;
  const y = point.latitude;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (onSegment(x, y, xi, yi, xj, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    Math.min(x1, x2) - 1e-12 <= x &&
    x <= Math.max(x1, x2) + 1e-12 &&
    Math.min(y1, y2) - 1e-12 <= y &&
    y <= Math.max(y1, y2) + 1e-12
  );
}

export function pointInPolygon(point: GeoPoint, polygon: GeoPolygon): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || outer.length < 3) return false;
  if (!inRing(point, outer)) return false;
  return !holes.some((hole) => hole.length >= 3 && inRing(point, hole) && !onAnyEdge(point, hole));
}

function onAnyEdge(point: GeoPoint, ring: Array<[number, number]>): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (onSegment(point.longitude, point.latitude, xi, yi, xj, yj)) return true;
  }
  return false;
}

const EARTH_METRES = 6_371_000;
const RAD = Math.PI / 180;

/**
 * Metres from the point to the polygon's outline (0 inside). A local flat projection around the
 * point: grids are a few hundred metres across, where the error is far below a building's width.
 */
export function distanceToPolygon(point: GeoPoint, polygon: GeoPolygon): number {
  if (pointInPolygon(point, polygon)) return 0;
  const outer = polygon.coordinates[0] ?? [];
  const kx = EARTH_METRES * RAD * Math.cos(point.latitude * RAD);
  const ky = EARTH_METRES * RAD;
  const project = ([lng, lat]: [number, number]) =>
    [(lng - point.longitude) * kx, (lat - point.latitude) * ky] as const;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [ax, ay] = project(outer[j] as [number, number]);
    const [bx, by] = project(outer[i] as [number, number]);
    const dx = bx - ax;
    const dy = by - ay;
    const len = dx * dx + dy * dy;
    // The nearest point of segment AB to the origin (the point itself).
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

export interface Located<G> {
  grid: G;
  /** False when the point lies outside every grid and the nearest one was taken. */
  inside: boolean;
  /** 0 inside; otherwise metres to the nearest grid's outline. */
  distanceMetres: number;
}

/**
 * The grid a point lies in; outside all of them, the nearest (the reporter is told so).
 * Grids without a boundary are skipped; null when none has one.
 */
export function locateGrid<G extends { boundary?: GeoPolygon | null }>(point: GeoPoint, grids: G[]): Located<G> | null {
  let nearest: Located<G> | null = null;
  for (const grid of grids) {
    if (!grid.boundary) continue;
    if (pointInPolygon(point, grid.boundary)) return { grid, inside: true, distanceMetres: 0 };
    const distance = distanceToPolygon(point, grid.boundary);
    if (!nearest || distance < nearest.distanceMetres) nearest = { grid, inside: false, distanceMetres: distance };
  }
  return nearest;
}

/** Mainland China's bounding box (GCJ-02 is only defined there): a point outside is a typo or swapped axes. */
export const CHINA_BOUNDS = { minLongitude: 73.5, maxLongitude: 135.1, minLatitude: 3.8, maxLatitude: 53.6 } as const;

/** Rings a grid outline may have: the outline and a few holes (a school, a lake inside the block). */
export const MAX_RINGS = 5;

/**
 * Why an outline an admin pasted cannot be a grid boundary, in words they can act on; null when it
 * can. GeoJSON rings are `[longitude, latitude]`, closed (last point = first), at least a triangle.
 */
export function polygonProblem(polygon: GeoPolygon): string | null {
  if (polygon.coordinates.length === 0) return '网格边界没有任何点';
  if (polygon.coordinates.length > MAX_RINGS) return `网格边界最多 ${MAX_RINGS} 个环（外轮廓和内部空洞）`;
  for (const [r, ring] of polygon.coordinates.entries()) {
    const which = r === 0 ? '外轮廓' : `第 ${r} 个空洞`;
    if (ring.length > MAX_RING_POINTS + 1)
      return `网格边界的${which}有 ${ring.length} 个点，最多 ${MAX_RING_POINTS} 个`;
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
      return `网格边界的${which}没有闭合：最后一个点要与第一个点相同`;
    if (new Set(ring.slice(0, -1).map(([x, y]) => `${x},${y}`)).size < 3)
      return `网格边界的${which}至少要有 3 个不同的点`;
    for (const [i, [lng, lat]] of ring.entries()) {
      const inChina =
        lng >= CHINA_BOUNDS.minLongitude &&
        lng <= CHINA_BOUNDS.maxLongitude &&
        lat >= CHINA_BOUNDS.minLatitude &&
        lat <= CHINA_BOUNDS.maxLatitude;
      if (!inChina)
        return `网格边界的${which}第 ${i + 1} 个点（${lng}, ${lat}）不在中国境内：请按「经度, 纬度」的顺序填写 GCJ-02 坐标`;
    }
  }
  return null;
}
