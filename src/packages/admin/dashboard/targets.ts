import type { ActionOutput } from '../../../../cloudfunctions/api';

type Places = ActionOutput<'admin', 'places'>;
export type Scope = 'grid' | 'community' | 'street' | 'city';
export interface Target {
  scope: Scope;
  id: string;
  label: string;
}

/** What the caller may look at: their community and its grids, or streets and the city for admins. */
export function targetsOf(p: Places): Target[] {
  const out: Target[] = [];
  if (p.city) out.push({ scope: 'city', id: 'city', label: '全市' });
  for (const s of p.streets) out.push({ scope: 'street', id: s.id, label: s.name });
  for (const c of p.communities) {
    out.push({ scope: 'community', id: c.id, label: c.name });
    if (p.communities.length === 1) for (const g of c.grids) out.push({ scope: 'grid', id: g.id, label: g.name });
  }
  return out;
}
