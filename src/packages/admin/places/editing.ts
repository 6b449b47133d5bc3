import type { ActionOutput } from '../../../../cloudfunctions/api';
import type { MapShape } from '../../../components/GridMap';
import { call } from '../../../services/client';
import { parseOutline } from './outline';

export type Places = ActionOutput<'admin', 'places'>;
export type Community = Places['communities'][number];
export type Grid = Community['grids'][number];
export type GridEditing = {
  what: 'grid';
  id: string;
  name: string;
  communityId: string;
  addresses: string;
  /** The outline as the admin pastes it (GeoJSON text); '' = no outline. */
  outline: string;
  /** The community's other grids, drawn dashed behind the one being edited. */
  neighbours: MapShape[];
  hadOutline: boolean;
  isNew: boolean;
};
export type Editing =
  | { what: 'street'; id: string; name: string; isNew: boolean }
  | { what: 'community'; id: string; name: string; streetId: string; kind: 'community' | 'village'; isNew: boolean }
  | GridEditing;

/**
 * Where the one open editor sits: under the row it edits, or under its list's 新建 button (a new
 * grid under its own community's).
 */
export const editingKey = (e: Editing): string =>
  !e.isNew ? `${e.what}:${e.id}` : e.what === 'grid' ? `grid:new@${e.communityId}` : `${e.what}:new`;

const neighbours = (grids: Grid[], except: string): MapShape[] =>
  grids.filter((g) => g.id !== except).map((g) => ({ id: g.id, name: g.name, boundary: g.boundary }));

export const newStreet = (): Editing => ({ what: 'street', id: '', name: '', isNew: true });
export const editStreet = (s: Places['streets'][number]): Editing => ({
  ...newStreet(),
  id: s.id,
  name: s.name,
  isNew: false,
});
export const newCommunity = (streetId: string): Editing => ({
  what: 'community',
  id: '',
  name: '',
  streetId,
  kind: 'community',
  isNew: true,
});
export const editCommunity = (c: Community): Editing => ({
  what: 'community',
  id: c.id,
  name: c.name,
  streetId: c.streetId,
  kind: c.kind,
  isNew: false,
});
export const newGrid = (c: Community): Editing => ({
  what: 'grid',
  id: '',
  name: '',
  communityId: c.id,
  addresses: '',
  outline: '',
  neighbours: neighbours(c.grids, ''),
  hadOutline: false,
  isNew: true,
});
export const editGrid = (c: Community, g: Grid): Editing => ({
  ...(newGrid(c) as GridEditing),
  id: g.id,
  name: g.name,
  addresses: g.addresses.join('\n'),
  outline: g.boundary ? JSON.stringify(g.boundary) : '',
  neighbours: neighbours(c.grids, g.id),
  hadOutline: g.boundary !== null,
  isNew: false,
});

/** An id the server accepts and a name: the 保存 button waits for both. */
export const editingValid = (e: Editing): boolean => /^[a-z0-9-]+$/.test(e.id) && e.name.trim().length > 0;

const addressList = (text: string): string[] => [
  ...new Set(
    text
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
  ),
];

/** Saves the editor's place; answers the reason when the outline is not one (nothing is sent then). */
export async function saveEditing(e: Editing): Promise<string | null> {
  if (e.what === 'street') await call('admin', 'street.save', { id: e.id, name: e.name.trim() });
  else if (e.what === 'community')
    await call('admin', 'community.save', { id: e.id, name: e.name.trim(), streetId: e.streetId, kind: e.kind });
  else {
    const parsed = parseOutline(e.outline);
    if ('problem' in parsed) return parsed.problem;
    await call('admin', 'grid.save', {
      id: e.id,
      name: e.name.trim(),
      communityId: e.communityId,
      addresses: addressList(e.addresses),
      // Emptied: the outline is removed; never drawn: nothing is sent.
      ...(parsed.outline ? { boundary: parsed.outline } : e.hadOutline ? { boundary: null } : {}),
    });
  }
  return null;
}
