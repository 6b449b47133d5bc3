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
