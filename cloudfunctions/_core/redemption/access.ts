/**
 * Who may act on a catalogue's requests, as decisions (the same for goods and services): staff
 * power stops at their community (an admin without a community holds it everywhere), and a
 * resident acts in their home community. The `require…` forms are the edge: they map a refusal
 * to the gateway's error with `decided()`.
 */
import { type Decision, refuse } from '../domain/decision';
import { isStaffOf } from '../domain/policy';
import type { Caller } from '../domain/roles';
import { decided } from '../runtime/edge';

export const canManage = isStaffOf;

export function checkManage(caller: Caller, communityId: string): Decision {
  return canManage(caller, communityId) ? { ok: true } : refuse('FORBIDDEN', '只能处理本社区的事项');
}

/** The community a staff action works on: the one named, or the caller's only staff community. */
export function checkStaffCommunity(caller: Caller, requested?: string): Decision<{ communityId: string }> {
  const communityId =
    requested ??
    caller.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.communityId)?.communityId ??
    caller.communityId;
  if (!communityId) return refuse('INVALID_INPUT', '请指定社区');
  const manage = checkManage(caller, communityId);
  return manage.ok ? { ok: true, communityId } : manage;
}

export function checkHomeCommunity(caller: Caller): Decision<{ communityId: string }> {
  return caller.communityId ? { ok: true, communityId: caller.communityId } : refuse('FORBIDDEN', '请先选择所在社区');
}

export function requireManage(caller: Caller, communityId: string): void {
  decided(checkManage(caller, communityId));
}

export const staffCommunity = (caller: Caller, requested?: string): string =>
  decided(checkStaffCommunity(caller, requested)).communityId;

export const homeCommunity = (caller: Caller): string => decided(checkHomeCommunity(caller)).communityId;
