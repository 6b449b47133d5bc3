export const ROLES = ['resident', 'volunteer', 'gridworker', 'staff', 'sage', 'admin', 'tip_officer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  gridworker: '网格员',
  staff: '社区工作者',
  sage: '乡贤监督员',
  admin: '管理员',
  tip_officer: '举报受理员',
};

/**
 * A role held somewhere. Community roles carry communityId; a grid worker's also carries gridId.
 * An admin grant without communityId covers every community (street/city level).
 */
export interface RoleGrant {
  role: Role;
  communityId?: string;
  gridId?: string;
  /** A tip officer's reward scheme (举报奖励): they see that scheme's tips only. */
  scheme?: string;
}

/** Who is calling, resolved by the runtime from the WX context or the local dev token. */
export interface Caller {
  userId: string;
  grants: RoleGrant[];
  /** The community and grid the person lives in (their resident home). */
  communityId?: string;
  gridId?: string;
  /** Version of the privacy notice the person accepted, if any. */
  privacyVersion?: string;
  /** The platform identity this call came with (absent for the system caller). */
  openid?: string;
}

export const hasRole = (caller: Caller, role: Role): boolean => caller.grants.some((g) => g.role === role);

/** True when the caller holds `role` with power over `communityId` (admins without a community hold it everywhere). */
export function holdsIn(caller: Caller, role: Role, communityId: string): boolean {
  return caller.grants.some(
    (g) => g.role === role && (g.communityId === communityId || (g.role === 'admin' && g.communityId === undefined)),
  );
}

/** True when the caller is a grid worker of exactly this grid. */
export function holdsGrid(caller: Caller, gridId: string): boolean {
  return caller.grants.some((g) => g.role === 'gridworker' && g.gridId === gridId);
}

/** Communities where the caller holds `role` (undefined inside means "everywhere"). */
export function communitiesWhere(caller: Caller, role: Role): Array<string | undefined> {
  return caller.grants.filter((g) => g.role === role).map((g) => g.communityId);
}
