import type { IdentityDoc, UserDoc } from '../domain/people';
import { COLLECTIONS } from '../domain/people';
import { PRIVACY_NOTICE_VERSION } from '../domain/privacy';
import type { Caller } from '../domain/roles';
import type { DocStore } from '../store/docstore';
import type { Clock } from './clock';

/** Scheduled work (timer triggers): an admin over every community, never a person. */
export const SYSTEM_CALLER: Caller = Object.freeze({
  userId: 'system',
  grants: [{ role: 'admin' as const }],
  privacyVersion: PRIVACY_NOTICE_VERSION,
});

export const toCaller = (user: UserDoc, openid?: string): Caller => ({
  userId: user._id,
  openid,
  grants: user.grants,
  communityId: user.communityId,
  gridId: user.gridId,
  privacyVersion: user.privacy?.version,
});

/**
 * Finds the person behind a platform identity; a first-time WeChat user gets an account with no
 * roles yet (they join a community through identity actions).
 */
export async function resolveCaller(
  store: DocStore,
  openid: string,
  deps: { clock: Clock; newId: () => string },
): Promise<Caller> {
  const identity = await store.get<IdentityDoc>(COLLECTIONS.identities, openid);
  if (identity) {
    const user = await store.get<UserDoc>(COLLECTIONS.users, identity.userId);
    if (user) return toCaller(user, openid);
  }
  const created = await store.runTransaction(async (tx) => {
    const again = await tx.get<IdentityDoc>(COLLECTIONS.identities, openid);
    if (again) return tx.get<UserDoc>(COLLECTIONS.users, again.userId);
    const now = deps.clock.now().toISOString();
    const user: UserDoc = {
      _id: deps.newId(),
      nickname: '新用户',
      grants: [],
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(COLLECTIONS.users, user);
    await tx.insert<IdentityDoc>(COLLECTIONS.identities, { _id: openid, userId: user._id });
    return user;
  });
  if (!created) throw new Error('identity points at a missing user');
  return toCaller(created, openid);
}
