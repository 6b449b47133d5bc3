import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { maskPhone } from '../../_core/domain/privacy';
import { type Caller, holdsIn } from '../../_core/domain/roles';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationDoc,
  ITEM_KIND_LABELS,
  SERVICE_COLLECTIONS,
  type ServiceItemDoc,
} from '../../_core/domain/services';
import { requireStaffOf } from '../../_core/runtime/access';
import type { ActionContext } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

/**
 * The one place this function decides who may do what (the policy declarations map onto these):
 * - clerk: the community's staff, or an admin over it, runs the window;
 * - seal reader: clerks and the community's 乡贤 supervisors read the seal register;
 * - applicant: the person who applied reads and supplies their own application.
 */
export const isClerk = isStaffOf;

export const requireClerk = (caller: Caller, communityId: string): void =>
  requireStaffOf(caller, communityId, '只能办理本社区的服务事项');

export function requireSealReader(caller: Caller, communityId: string): void {
  if (!isClerk(caller, communityId) && !holdsIn(caller, 'sage', communityId)) {
    throw new AppError('FORBIDDEN', '只有本社区的工作人员和乡贤监督员可以查看用印登记');
  }
}

export function requireApplicantOrClerk(caller: Caller, app: ApplicationDoc): void {
  if (app.applicantUserId !== caller.userId && !isClerk(caller, app.communityId)) {
    throw new AppError('NOT_FOUND', '申请不存在');
  }
}

/** The community a clerk works in: the one asked for, else the first they run. */
export function clerkCommunity(caller: Caller, requested?: string): string {
  const communityId =
    requested ??
    caller.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.communityId)?.communityId ??
    caller.communityId;
  if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
  requireClerk(caller, communityId);
  return communityId;
}

/** Upload ids the local file store or CloudBase storage hand out; PDFs are fine for scanned forms. */
const FILE_ID = /^(local:\/\/[a-f0-9]{24}\.(jpg|png|webp|pdf)|cloud:\/\/[^\s]{1,280}\.(jpe?g|png|webp|pdf))$/i;

export async function assertFiles(ctx: ActionContext, fileIds: readonly string[]): Promise<void> {
  if (new Set(fileIds).size !== fileIds.length) throw new AppError('INVALID_INPUT', '材料照片重复');
  for (const id of fileIds) {
    if (!FILE_ID.test(id)) throw new AppError('INVALID_INPUT', '材料只能是 JPG、PNG、WebP 照片或 PDF');
    if (!(await ctx.files.exists(id))) throw new AppError('INVALID_INPUT', '材料照片不存在，请重新上传');
  }
}

export async function loadItem(reader: Pick<TxStore, 'get'>, itemId: string): Promise<ServiceItemDoc> {
  const item = await reader.get<ServiceItemDoc>(SERVICE_COLLECTIONS.items, itemId);
  if (!item) throw new AppError('NOT_FOUND', '服务事项不存在');
  return item;
}

export const itemView = (item: ServiceItemDoc) => ({
  id: item._id,
  communityId: item.communityId,
  kind: item.kind,
  kindLabel: ITEM_KIND_LABELS[item.kind],
  name: item.name,
  description: item.description,
  materials: item.materials,
  fee: item.fee,
  feeLabel: item.fee === 0 ? '免费' : `${item.fee} 元`,
  timeLimitDays: item.timeLimitDays,
  collectAt: item.collectAt,
  active: item.active,
});

/**
 * An application as its applicant or a clerk sees it. The pickup code is the applicant's alone:
 * the clerk asks for it at the window.
 */
export function applicationView(
  ctx: ActionContext,
  app: ApplicationDoc,
  applicant?: Pick<UserDoc, 'nickname' | 'phone'> | null,
) {
  const own = app.applicantUserId === ctx.caller.userId;
  return {
    id: app._id,
    communityId: app.communityId,
    itemId: app.itemId,
    itemName: app.itemName,
    itemKind: app.itemKind,
    status: app.status,
    statusLabel: APPLICATION_STATUS_LABELS[app.status],
    note: app.note,
    document: app.document,
    purpose: app.purpose,
    materials: app.materials,
    missing: app.missing,
    missingNote: app.missingNote,
    refusedReason: app.refusedReason,
    submittedAt: app.submittedAt,
    acceptedAt: app.acceptedAt,
    dueAt: app.dueAt,
    decidedAt: app.decidedAt,
    collectedAt: app.collectedAt,
    pickupCode: own && app.status === 'approved' ? app.pickupCode : null,
    events: app.events.map((e) => ({ at: e.at, step: e.step, note: e.note })),
    applicant: applicant
      ? { nickname: applicant.nickname, phone: own ? (applicant.phone ?? null) : maskPhone(applicant.phone) }
      : null,
  };
}

export async function loadApplication(tx: Pick<TxStore, 'get'>, id: string): Promise<ApplicationDoc> {
  const app = await tx.get<ApplicationDoc>(SERVICE_COLLECTIONS.applications, id);
  if (!app) throw new AppError('NOT_FOUND', '申请不存在');
  return app;
}

export const applicationLink = (id: string) => `/packages/services/mine/index?applicationId=${id}`;

/** Tells the applicant what happened, in the transaction of the change. */
export async function tell(
  tx: TxStore,
  ids: { messageId: string; outboxId: string },
  app: ApplicationDoc,
  title: string,
  body: string,
  at: string,
): Promise<void> {
  await deliverMessage(tx, {
    ...ids,
    userId: app.applicantUserId,
    kind: 'general',
    title,
    body,
    link: applicationLink(app._id),
    at,
  });
}

export { auditAsCaller as audit } from '../../_core/runtime/audit';

export async function applicantOf(reader: Pick<TxStore, 'get'>, app: ApplicationDoc) {
  return reader.get<UserDoc>(COLLECTIONS.users, app.applicantUserId);
}
