import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { holdsIn, ROLES, type RoleGrant } from '../../_core/domain/roles';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { isGlobalAdmin } from './scope';

export const ZId = z.string().min(1).max(64);

export const ZName = z.string().trim().min(1).max(40);

export const ASSIGNMENTS_COLLECTION = 'gridworker_assignments';

export function requireGlobalAdmin(ctx: ActionContext) {
  if (!isGlobalAdmin(ctx)) throw new AppError('FORBIDDEN', '只有街道或市级管理员可以管理街道、社区和网格');
}

export async function audit(
  tx: TxStore,
  ctx: ActionContext,
  id: string,
  at: string,
  action: string,
  communityId: string | null,
  target: { collection: string; id: string },
  details: Record<string, string | number | boolean | null>,
) {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({ id, at, actorUserId: ctx.caller.userId, action, communityId, target, details }),
  );
}

export const ZGrantShape = {
  userId: ZId,
  role: z.enum(ROLES),
  /** Absent only for a street/city admin grant. */
  communityId: ZId.optional(),
  gridId: ZId.optional(),
};

export const sameGrant = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role && a.communityId === b.communityId && a.gridId === b.gridId;

/**
 * Who may change a grant: street/city admins any; a community's admin any within it; a
 * community's staff only grid workers of their own community.
 */
export function assertMayChange(ctx: ActionContext, grant: RoleGrant) {
  if (isGlobalAdmin(ctx)) return;
  if (grant.communityId === undefined) throw new AppError('FORBIDDEN', '只有市级管理员可以授予全域管理员');
  if (holdsIn(ctx.caller, 'admin', grant.communityId)) return;
  if (grant.role === 'gridworker' && holdsIn(ctx.caller, 'staff', grant.communityId)) return;
  throw new AppError('FORBIDDEN', '社区工作者只能管理本社区的网格员');
}

export function grantOf(input: { role: RoleGrant['role']; communityId?: string; gridId?: string }): RoleGrant {
  // These two follow a recorded procedure of their own, so an ad-hoc grant cannot bypass it.
  if (input.role === 'sage')
    throw new AppError('FORBIDDEN', '乡贤监督员须经资格审查和街道决定任命，请在乡贤选任中办理');
  if (input.role === 'tip_officer') throw new AppError('FORBIDDEN', '举报受理员须按奖励类别指定，请在举报受理中办理');
  if (input.role !== 'admin' && !input.communityId) throw new AppError('INVALID_INPUT', '请指定社区');
  if (input.role === 'gridworker' && !input.gridId) throw new AppError('INVALID_INPUT', '网格员须指定网格');
  if (input.role !== 'gridworker' && input.gridId) throw new AppError('INVALID_INPUT', '只有网格员可以指定网格');
  const grant: RoleGrant = { role: input.role };
  if (input.communityId) grant.communityId = input.communityId;
  if (input.gridId) grant.gridId = input.gridId;
  return grant;
}
