import type { AuditDoc } from '../../_core/domain/audit';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import type { MessageKind } from '../../_core/domain/messages';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { holdsIn, type Role } from '../../_core/domain/roles';
import type { ActionContext } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

/** Everyone who belongs to a community may read its notices, topics, procedures and board. */
const READER_ROLES: readonly Role[] = ['resident', 'volunteer', 'gridworker', 'staff', 'sage', 'admin'];

/** The community an action is about: the one asked for, else the caller's home. */
export function communityOf(ctx: ActionContext, requested: string | undefined): string {
  const communityId = requested ?? ctx.caller.communityId;
  if (!communityId) throw new AppError('INVALID_INPUT', '请先选择所在社区');
  return communityId;
}

export const isReader = (ctx: ActionContext, communityId: string): boolean =>
  READER_ROLES.some((role) => holdsIn(ctx.caller, role, communityId));

export function assertReader(ctx: ActionContext, communityId: string): void {
  if (!isReader(ctx, communityId)) throw new AppError('FORBIDDEN', '您不是该社区的成员');
}

export const isStaff = (ctx: ActionContext, communityId: string): boolean => isStaffOf(ctx.caller, communityId);

export function assertStaff(ctx: ActionContext, communityId: string): void {
  if (!isStaff(ctx, communityId)) throw new AppError('FORBIDDEN', '只有本社区的工作人员可以操作');
}

/** Staff and 乡贤 supervisors see everything of the community, drafts and expired notices included. */
export const oversees = (ctx: ActionContext, communityId: string): boolean =>
  isStaff(ctx, communityId) || holdsIn(ctx.caller, 'sage', communityId);

export function assertResident(ctx: ActionContext, communityId: string): void {
  if (!holdsIn(ctx.caller, 'resident', communityId)) throw new AppError('FORBIDDEN', '只有本社区居民可以参与');
}

export async function nameOf(store: Pick<TxStore, 'get'>, userId: string): Promise<string> {
  const user = await store.get<UserDoc>(COLLECTIONS.users, userId);
  return user?.nickname ?? '居民';
}

export async function writeAudit(
  tx: TxStore,
  ctx: ActionContext,
  entry: Omit<AuditDoc, '_id' | 'at' | 'actorUserId'>,
): Promise<void> {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({ id: ctx.newId(), at: ctx.clock.now().toISOString(), actorUserId: ctx.caller.userId, ...entry }),
  );
}

export async function notify(
  tx: TxStore,
  ctx: ActionContext,
  input: { userId: string; kind: MessageKind; title: string; body: string; link: string | null },
): Promise<void> {
  await deliverMessage(tx, {
    ...input,
    messageId: ctx.newId(),
    outboxId: ctx.newId(),
    at: ctx.clock.now().toISOString(),
  });
}
