import { createHash } from 'node:crypto';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import type { Caller, RoleGrant } from '../../_core/domain/roles';
import {
  levelOf,
  SCHEMES,
  TIP_COLLECTIONS,
  TIP_STATUS_LABELS,
  type TipDoc,
  type TipScheme,
} from '../../_core/domain/tips';
import { requireGlobalAdmin } from '../../_core/runtime/access';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

/**
 * The one place this function decides who may see a tip: an officer designated for its scheme,
 * in its community or street-wide (a grant without communityId). Holding any other role — grid
 * worker, staff, 乡贤, even admin — gives no sight of tips; admins only designate officers.
 */
export const officerGrants = (caller: Caller): RoleGrant[] => caller.grants.filter((g) => g.role === 'tip_officer');

export const isOfficerFor = (caller: Caller, tip: Pick<TipDoc, 'scheme' | 'communityId'>): boolean =>
  officerGrants(caller).some(
    (g) => g.scheme === tip.scheme && (g.communityId === undefined || g.communityId === tip.communityId),
  );

/** Refuses with NOT_FOUND, so an officer of another scheme cannot even learn a tip exists. */
export function requireOfficerFor(caller: Caller, tip: TipDoc | null): TipDoc {
  if (!tip || !isOfficerFor(caller, tip)) throw new AppError('NOT_FOUND', '举报不存在');
  return tip;
}

/** Street/city admins (no community) designate officers. */
export const requireDesignator = (caller: Caller): void =>
  requireGlobalAdmin(caller, '只有街道或市级管理员可以指定举报受理员');

export const hashClaimCode = (code: string): string => createHash('sha256').update(`tip-claim:${code}`).digest('hex');

export async function loadTip(reader: Pick<TxStore, 'get'>, id: string): Promise<TipDoc | null> {
  return reader.get<TipDoc>(TIP_COLLECTIONS.tips, id);
}

/** What the tipster sees of their own tip: progress and reward, not the officers' names. */
export function tipsterView(tip: TipDoc) {
  const level = tip.levelId ? levelOf(tip.scheme, tip.levelId) : undefined;
  const decided = tip.status === 'rewarded' || tip.status === 'paid' || tip.status === 'closed';
  return {
    id: tip._id,
    scheme: tip.scheme,
    schemeName: SCHEMES[tip.scheme].name,
    status: tip.status,
    // A grade is not final until a second officer approves it.
    statusLabel: TIP_STATUS_LABELS[tip.status === 'graded' ? 'received' : tip.status],
    anonymous: tip.anonymous,
    place: tip.place,
    submittedAt: tip.submittedAt,
    levelLabel: decided && level ? level.label : null,
    reward: decided ? tip.reward : null,
    paidOut: tip.status === 'paid',
  };
}

/** What an officer of the scheme sees in the list: no content, no identity (those are read one by one, logged). */
export function queueView(tip: TipDoc) {
  return {
    id: tip._id,
    scheme: tip.scheme,
    schemeName: SCHEMES[tip.scheme].name,
    communityId: tip.communityId,
    status: tip.status,
    statusLabel: TIP_STATUS_LABELS[tip.status],
    anonymous: tip.anonymous,
    submittedAt: tip.submittedAt,
    levelId: tip.levelId,
    reward: tip.reward,
    gradedByMe: false,
  };
}

export async function officerView(ctx: ActionContext, tip: TipDoc) {
  const tipster = tip.tipsterUserId ? await ctx.store.get<UserDoc>(COLLECTIONS.users, tip.tipsterUserId) : null;
  return {
    ...queueView(tip),
    gradedByMe: tip.gradedBy === ctx.caller.userId,
    content: tip.content,
    place: tip.place,
    photos: tip.photos,
    photoUrls: await ctx.files.urls(tip.photos),
    // Officers of the scheme need the identity to verify and to pay; it is shown in full to them only.
    tipster: tipster ? { nickname: tipster.nickname, phone: tipster.phone ?? null } : null,
    levels: SCHEMES[tip.scheme].levels,
    gradeNote: tip.gradeNote,
    gradedAt: tip.gradedAt,
    approvedAt: tip.approvedAt,
    returnedReason: tip.returnedReason,
    paidOutAt: tip.paidOutAt,
  };
}

export async function audit(
  tx: TxStore,
  ctx: ActionContext,
  input: {
    id: string;
    at: string;
    action: string;
    tip: TipDoc;
    details?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({
      id: input.id,
      at: input.at,
      actorUserId: ctx.caller.userId,
      action: input.action,
      communityId: input.tip.communityId,
      target: { collection: TIP_COLLECTIONS.tips, id: input.tip._id },
      details: { scheme: input.tip.scheme, ...input.details },
    }),
  );
}

export const schemeView = (scheme: TipScheme) => SCHEMES[scheme];
