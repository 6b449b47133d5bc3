import { asGeoPolygon, type GeoPoint, locateGrid } from '../../_core/domain/geo';
import { COLLECTIONS, type GridDoc, MAX_GRIDS_PER_COMMUNITY } from '../../_core/domain/people';
import type { ActionContext } from '../../_core/runtime/define';

/** The community's grids, outlines as plain GeoJSON (on CloudBase they are read back as Geo objects). */
export async function communityGrids(ctx: ActionContext, communityId: string): Promise<GridDoc[]> {
  const grids = await ctx.store.find<GridDoc>(
    COLLECTIONS.grids,
    { communityId },
    { orderBy: [['_id', 'asc']], limit: MAX_GRIDS_PER_COMMUNITY },
  );
  return grids.map(({ boundary, ...grid }) => {
    const outline = asGeoPolygon(boundary);
    return outline ? { ...grid, boundary: outline } : grid;
  });
}

export interface Placement {
  gridId: string;
  gridName: string;
  /** False: the point is outside every grid and the nearest grid was taken (the reporter is told). */
  inside: boolean;
  distanceMetres: number;
}

/** The community's grid the point lies in, else the nearest; null when no grid has a boundary. */
export async function placeInCommunity(
  ctx: ActionContext,
  communityId: string,
  point: GeoPoint,
): Promise<Placement | null> {
  const found = locateGrid(point, await communityGrids(ctx, communityId));
  if (!found) return null;
  return {
    gridId: found.grid._id,
    gridName: found.grid.name,
    inside: found.inside,
    distanceMetres: Math.round(found.distanceMetres),
  };
}
