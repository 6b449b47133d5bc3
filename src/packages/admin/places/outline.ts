import { polygonProblem } from '../../../../cloudfunctions/_core/domain/geo';
import type { ActionOutput } from '../../../../cloudfunctions/api';

type Places = ActionOutput<'admin', 'places'>;
export type Outline = NonNullable<Places['communities'][number]['grids'][number]['boundary']>;

/**
 * What an admin may paste: a GeoJSON Polygon, a Feature (or the first of a FeatureCollection)
 * holding one, or just the ring as `[[经度, 纬度], …]` (from a GIS export or a map tool).
 * Returns the polygon, or the reason it is not one (the server checks again and has the last word).
 */
export function parseOutline(text: string): { outline: Outline | null } | { problem: string } {
  if (text.trim() === '') return { outline: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: '边界不是有效的 GeoJSON：请粘贴 Polygon，或 [[经度, 纬度], …] 的点列表' };
  }
  const v = value as { type?: string; geometry?: unknown; features?: Array<{ geometry?: unknown }> };
  const geometry =
    v?.type === 'FeatureCollection' ? v.features?.[0]?.geometry : v?.type === 'Feature' ? v.geometry : value;
  const polygon: unknown = Array.isArray(geometry)
    ? { type: 'Polygon', coordinates: Array.isArray(geometry[0]?.[0]) ? geometry : [geometry] }
    : geometry;
  const p = polygon as Partial<Outline> | null;
  if (p?.type !== 'Polygon' || !Array.isArray(p.coordinates)) return { problem: '边界要是一个多边形（Polygon）' };
  const numeric = p.coordinates.every(
    (ring) =>
      Array.isArray(ring) &&
      ring.every((pt) => Array.isArray(pt) && pt.length === 2 && pt.every((n) => typeof n === 'number')),
  );
  if (!numeric) return { problem: '边界的每个点要写成 [经度, 纬度] 两个数字' };
  const outline = { type: 'Polygon', coordinates: p.coordinates } as Outline;
  const problem = polygonProblem(outline);
  return problem ? { problem } : { outline };
}

/** Points of an outline's ring, not counting the closing point that repeats the first. */
export const outlinePoints = (outline: Outline): number => (outline.coordinates[0]?.length ?? 1) - 1;
