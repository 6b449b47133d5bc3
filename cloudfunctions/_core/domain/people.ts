import type { RoleGrant } from '../runtime/roles';

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
}

export interface GridDoc {
  _id: string;
  communityId: string;
  name: string;
  /** The grid worker the grid's reports are routed to. */
  workerUserId?: string;
}

export const COLLECTIONS = {
  users: 'users',
  identities: 'identities',
  streets: 'streets',
  communities: 'communities',
  grids: 'grids',
} as const;
