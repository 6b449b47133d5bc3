import type { CommunityDoc, GridDoc, StreetDoc, UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import { maskPhone, PRIVACY_NOTICE_VERSION } from '../../_core/domain/privacy';
import { ROLE_LABELS, type RoleGrant } from '../../_core/domain/roles';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

export interface Profile {
  userId: string;
  nickname: string;
  /** The owner's own number, unmasked, and the masked form others see. */
  phone: string | null;
  phoneMasked: string | null;
  street: { id: string; name: string } | null;
  community: { id: string; name: string } | null;
  grid: { id: string; name: string } | null;
  roles: Array<RoleGrant & { label: string }>;
  privacy: { currentVersion: string; acceptedVersion: string | null; needsConsent: boolean };
}

/** The signed-in person's profile as `me` and every profile-changing action answer it. */
export async function loadProfile(ctx: ActionContext, userId: string = ctx.caller.userId): Promise<Profile> {
  const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, userId);
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  const community = user.communityId
    ? await ctx.store.get<CommunityDoc>(COLLECTIONS.communities, user.communityId)
    : null;
  const [street, grid] = await Promise.all([
    community ? ctx.store.get<StreetDoc>(COLLECTIONS.streets, community.streetId) : null,
    user.gridId ? ctx.store.get<GridDoc>(COLLECTIONS.grids, user.gridId) : null,
  ]);
  const acceptedVersion = user.privacy?.version ?? null;
  return {
    userId: user._id,
    nickname: user.nickname,
    phone: user.phone ?? null,
    phoneMasked: maskPhone(user.phone),
    street: street ? { id: street._id, name: street.name } : null,
    community: community ? { id: community._id, name: community.name } : null,
    grid: grid ? { id: grid._id, name: grid.name } : null,
    roles: user.grants.map((grant) => ({ ...grant, label: ROLE_LABELS[grant.role] })),
    privacy: {
      currentVersion: PRIVACY_NOTICE_VERSION,
      acceptedVersion,
      needsConsent: acceptedVersion !== PRIVACY_NOTICE_VERSION,
    },
  };
}
