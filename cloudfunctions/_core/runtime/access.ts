import { isGlobalAdmin, isStaffOf } from '../domain/policy';
import type { Caller } from '../domain/roles';
import { AppError } from './errors';

/**
 * The two refusals the community workflows share (services' window, 乡贤 review, tip officers'
 * designation): the community's staff or an admin over it; a street/city admin. Each caller says
 * in its own words what was refused.
 */
export function requireStaffOf(caller: Caller, communityId: string, message: string): void {
  if (!isStaffOf(caller, communityId)) throw new AppError('FORBIDDEN', message);
}

export function requireGlobalAdmin(caller: Caller, message: string): void {
  if (!isGlobalAdmin(caller)) throw new AppError('FORBIDDEN', message);
}
