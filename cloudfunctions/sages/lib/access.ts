import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { maskPhone } from '../../_core/domain/privacy';
import type { Caller, RoleGrant } from '../../_core/domain/roles';
import {
  type AppointmentDoc,
  SAGE_COLLECTIONS,
  SAGE_STATUS_LABELS,
  type SageApplicationDoc,
  type StationDoc,
} from '../../_core/domain/sages';
import { requireGlobalAdmin, requireStaffOf } from '../../_core/runtime/access';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

/**
 * The one place this function decides who may do what:
 * - reviewer: the community's staff (or its admin) check qualifications;
 * - street: an admin over the street (a grant without community) decides, appoints, renews, removes;
 * - nobody reviews or decides their own application.
 */
export const isReviewer = isStaffOf;

export const requireReviewer = (caller: Caller, communityId: string): void =>
  requireStaffOf(caller, communityId, '只能审查本社区的乡贤申请');

export const requireStreet = (caller: Caller): void => requireGlobalAdmin(caller, '乡贤监督员由街道审定和聘任');

/** Nobody reviews or decides their own application, nor one of an account proxy-linked to theirs (代办). */
export async function notOwn(
  tx: Pick<TxStore, 'get'>,
  caller: Caller,
  app: Pick<SageApplicationDoc, 'applicantUserId'>,
): Promise<void> {
  await assertNotForSelf(tx, caller, app.applicantUserId, '不能审查或审定本人（或自己代办的账号）的申请');
}

export async function loadApplication(reader: Pick<TxStore, 'get'>, id: string): Promise<SageApplicationDoc> {
  const app = await reader.get<SageApplicationDoc>(SAGE_COLLECTIONS.applications, id);
  if (!app) throw new AppError('NOT_FOUND', '申请不存在');
  return app;
}

export async function loadAppointment(reader: Pick<TxStore, 'get'>, id: string): Promise<AppointmentDoc> {
  const doc = await reader.get<AppointmentDoc>(SAGE_COLLECTIONS.appointments, id);
  if (!doc) throw new AppError('NOT_FOUND', '聘任记录不存在');
  return doc;
}

/** An application as its applicant or the reviewers see it; references' phones masked for reviewers of others. */
export async function applicationView(ctx: ActionContext, app: SageApplicationDoc) {
  const own = app.applicantUserId === ctx.caller.userId;
  const applicant = await ctx.store.get<UserDoc>(COLLECTIONS.users, app.applicantUserId);
  return {
    id: app._id,
    communityId: app.communityId,
    applicant: applicant?.nickname ?? '',
    statement: app.statement,
    references: app.references.map((r) => ({ ...r, phone: own ? r.phone : (maskPhone(r.phone) ?? '') })),
    status: app.status,
    statusLabel: SAGE_STATUS_LABELS[app.status],
    checks: app.checks,
    reviewNote: app.reviewNote,
    reviewedAt: app.reviewedAt,
    decisionNo: app.decisionNo,
    decisionReason: app.decisionReason,
    decidedAt: app.decidedAt,
    appointmentId: app.appointmentId,
    appliedAt: app.appliedAt,
  };
}

export async function appointmentView(reader: Pick<TxStore, 'get'>, doc: AppointmentDoc, nowIso: string) {
  const [user, station] = await Promise.all([
    reader.get<UserDoc>(COLLECTIONS.users, doc.userId),
    reader.get<StationDoc>(SAGE_COLLECTIONS.stations, doc.stationId),
  ]);
  return {
    id: doc._id,
    communityId: doc.communityId,
    userId: doc.userId,
    name: user?.nickname ?? '',
    station: station?.name ?? '',
    decisionNo: doc.decisionNo,
    termStart: doc.termStart,
    termEnd: doc.termEnd,
    // Between the end passing and the next sweep, the record still says active: show it as ended.
    status: doc.status === 'active' && doc.termEnd <= nowIso ? ('expired' as const) : doc.status,
    removedReason: doc.removedReason,
    history: doc.history.map((h) => ({ at: h.at, kind: h.kind, reason: h.reason, termEnd: h.termEnd })),
  };
}

export { auditAsCaller as audit } from '../../_core/runtime/audit';

export async function tell(
  tx: TxStore,
  ids: { messageId: string; outboxId: string },
  userId: string,
  title: string,
  body: string,
  at: string,
): Promise<void> {
  await deliverMessage(tx, { ...ids, userId, kind: 'general', title, body, link: '/packages/sages/apply/index', at });
}

const sageGrant = (communityId: string): RoleGrant => ({ role: 'sage', communityId });

/** The supervisor role follows the appointment: granted by a decision or renewal, withdrawn by removal or expiry. */
export async function setSageGrant(tx: TxStore, userId: string, communityId: string, on: boolean, at: string) {
  const user = await tx.get<UserDoc>(COLLECTIONS.users, userId);
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  const others = user.grants.filter((g) => !(g.role === 'sage' && g.communityId === communityId));
  await tx.updateById(COLLECTIONS.users, userId, {
    $set: { grants: on ? [...others, sageGrant(communityId)] : others, updatedAt: at },
  });
}
