import type { GeoPolygon } from './geo';
import type { RoleGrant } from './roles';

/** A person as stored in `users`. Personal fields are optional so erasure can remove them. */
export interface UserDoc {
  _id: string;
  nickname: string;
  phone?: string;
  realName?: string;
  communityId?: string;
  gridId?: string;
  grants: RoleGrant[];
  privacy?: { version: string; acceptedAt: string };
  createdAt: string;
  updatedAt: string;
  /** Set by identity.deleteMyAccount: the account is anonymous from then on. */
  erasedAt?: string;
}

/** Maps a platform identity (WeChat OPENID, or a dev persona locally) to a user; `_id` is the openid. */
export interface IdentityDoc {
  _id: string;
  userId: string;
}

export interface StreetDoc {
  _id: string;
  name: string;
}

export interface CommunityDoc {
  _id: string;
  streetId: string;
  name: string;
  kind: 'community' | 'village';
  /** Two to four capital letters that start the community's 工单编号 (e.g. `XX-20261201-0042`). */
  caseCode?: string;
}

/**
 * Grids one community may have: admin.grid.save refuses more, so every per-community list of grids
 * (and of their full-time grid workers) is bounded by this without paging.
 */
export const MAX_GRIDS_PER_COMMUNITY = 200;

/** Streets in one deployment (a city): admin.street.save refuses more, so the street list is one read. */
export const MAX_STREETS = 200;

export interface GridDoc {
  _id: string;
  communityId: string;
  name: string;
  /** The grid worker the grid's reports are routed to. */
  workerUserId?: string;
  /** The grid's outline (GeoJSON, GCJ-02): a report's grid is found from where the problem is. */
  boundary?: GeoPolygon;
  /** Buildings and units of the grid (e.g. 「3 栋 2 单元」), offered when picking the place. */
  addresses?: string[];
}

export const COLLECTIONS = {
  users: 'users',
  identities: 'identities',
  streets: 'streets',
  communities: 'communities',
  grids: 'grids',
} as const;
