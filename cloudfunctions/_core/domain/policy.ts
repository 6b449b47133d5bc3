/**
 * Who may see and do what: one place. Every action declares the scope a caller needs and what it
 * touches (`access` in defineAction); handlers ask `scopesOn`/`assertScope` about the record they
 * loaded instead of re-deriving roles. Pure: no I/O, callers pass the record's facts.
 */
import type { Caller } from './roles';
import { holdsGrid, holdsIn } from './roles';

/**
 * The scopes a caller can hold over a record:
 * - `any`: every signed-in person (published, non-personal data such as categories or criteria);
 * - `self`: the caller's own records (their profile, wallet, reports, sign-ups);
 * - `member`: records a community shows its own members (notices, shop, board, public ledger);
 * - `grid`: a grid worker on a record of their grid or assigned to them;
 * - `staff`: staff of the record's community (or an admin over it);
 * - `supervisor`: a 乡贤 supervisor of the record's community, read-only;
 * - `admin`: an admin (street/city level, or of the record's community);
 * - `system`: the platform's timer trigger only, never a client request.
 */
export const SCOPES = ['any', 'self', 'member', 'grid', 'staff', 'supervisor', 'admin', 'system'] as const;
export type Scope = (typeof SCOPES)[number];

/** What an action reads or writes, by bounded context. */
export const RESOURCES = [
  'people',
  'places',
  'proxy',
  'inbox',
  'audit',
  'figures',
  'reports',
  'greencoin',
  'timebank',
  'deliberation',
  'safety',
  'services',
  'tips',
  'sages',
] as const;
export type Resource = (typeof RESOURCES)[number];

/**
 * Decisions made for someone (a beneficiary): nobody makes one for themselves, nor for a person
 * who proxies them, and per-person thresholds count every decision of a period.
 */
export const DECISIONS = ['approve', 'award', 'reward', 'confirm', 'score', 'verify', 'grant'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Access {
  /** Any one of these suffices; the handler checks it against the record it loads. */
  scope: readonly Scope[];
  touches: readonly Resource[];
  /** False for reads: supervisors and figure readers only get read actions. */
  writes: boolean;
  /** Set on actions that approve/award/confirm something for a beneficiary other than the caller. */
  decides?: Decision;
}

/** The facts of a record that decide who may see it. */
export interface Target {
  communityId: string;
  gridId?: string | null;
  /** The people the record belongs to (reporter, applicant, account holder). */
  ownerIds?: readonly (string | null | undefined)[];
  /** The person the record is assigned to (a dispatched report's grid worker). */
  assigneeId?: string | null;
}

/** Staff of the community, or an admin over it: the one "staff or admin of this community" check. */
export const isStaffOf = (caller: Caller, communityId: string): boolean =>
  holdsIn(caller, 'staff', communityId) || holdsIn(caller, 'admin', communityId);

/** A street/city admin: an admin grant without a community. */
export const isGlobalAdmin = (caller: Caller): boolean =>
  caller.grants.some((g) => g.role === 'admin' && g.communityId === undefined);

/** Any role in the community, or living there: who reads what a community shows its members. */
export const isMemberOf = (caller: Caller, communityId: string): boolean =>
  caller.communityId === communityId ||
  caller.grants.some((g) => g.communityId === communityId || (g.role === 'admin' && g.communityId === undefined));

/** A grid worker who must act on the record: it is assigned to them, or unassigned on their grid. */
export function actsOnGrid(caller: Caller, target: Target): boolean {
  if (!holdsIn(caller, 'gridworker', target.communityId)) return false;
  if (target.assigneeId) return target.assigneeId === caller.userId;
  return !!target.gridId && holdsGrid(caller, target.gridId);
}

/** Whether the caller holds one of `scope` somewhere in a community (no record yet: a named community). */
export function mayActIn(caller: Caller, scope: readonly Scope[], communityId: string): boolean {
  return scope.some((s) => {
    switch (s) {
      case 'any':
      case 'self':
        return true;
      case 'member':
        return isMemberOf(caller, communityId);
      case 'grid':
        return holdsIn(caller, 'gridworker', communityId);
      case 'staff':
        return isStaffOf(caller, communityId);
      case 'supervisor':
        return holdsIn(caller, 'sage', communityId);
      case 'admin':
        return holdsIn(caller, 'admin', communityId);
      case 'system':
        return caller.userId === SYSTEM_USER_ID;
    }
    return false;
  });
}

/** Every scope the caller holds over a record. */
export function scopesOn(caller: Caller, target: Target): Set<Scope> {
  const held = new Set<Scope>(['any']);
  if (target.ownerIds?.some((id) => id && id === caller.userId)) held.add('self');
  if (isMemberOf(caller, target.communityId)) held.add('member');
  if (actsOnGrid(caller, target)) held.add('grid');
  if (isStaffOf(caller, target.communityId)) held.add('staff');
  if (holdsIn(caller, 'sage', target.communityId)) held.add('supervisor');
  if (holdsIn(caller, 'admin', target.communityId)) held.add('admin');
  if (caller.userId === SYSTEM_USER_ID) held.add('system');
  return held;
}

/** True when the caller holds one of `scope` over the record. */
export const allowed = (caller: Caller, scope: readonly Scope[], target: Target): boolean => {
  const held = scopesOn(caller, target);
  return scope.some((s) => held.has(s));
};

/** Distances shown to residents are whole hundreds of metres (rounded up): enough to say "near". */
export const coarseMetres = (metres: number): number => Math.max(100, Math.ceil(metres / 100) * 100);

/** The user id of the platform's own caller (timer triggers). */
export const SYSTEM_USER_ID = 'system';

/** An action only the platform trigger may run. */
export const systemOnly = (access: Access): boolean => access.scope.length === 1 && access.scope[0] === 'system';

/**
 * Maker-checker: the person a decision benefits is never the one who makes it. `proxiedBy` are the
 * people the beneficiary let act for them (代办): a helper deciding for their principal is deciding
 * for themselves by another account.
 */
export function decidesForSelf(
  caller: Pick<Caller, 'userId'>,
  beneficiaryId: string,
  proxiedBy: readonly string[] = [],
): boolean {
  return beneficiaryId === caller.userId || proxiedBy.includes(caller.userId);
}

/**
 * Anonymous reports: the reporter's identity and exact position reach the reporter, the staff of
 * the community and the grid worker who must act on it (assigned, or on its grid while unassigned);
 * nobody else, other grid workers of the community included.
 */
export const seesAnonymousReporter = (caller: Caller, target: Target & { reporterId: string }): boolean =>
  caller.userId === target.reporterId || isStaffOf(caller, target.communityId) || actsOnGrid(caller, target);
