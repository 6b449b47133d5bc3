import { COLLECTIONS, type IdentityDoc, type UserDoc } from '../../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import type { RoleGrant } from '../../cloudfunctions/_core/domain/roles';
import type { ActionInput } from '../../cloudfunctions/api';
import { DEMO } from '../../local/seed';
import type { TestRuntime } from '../support/runtime';

/** A tiny valid JPEG header is enough: the store checks type by upload, not by decoding. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

export async function photo(t: TestRuntime, owner = 'demo-resident'): Promise<string> {
  return t.runtime.files.save({ bytes: JPEG, contentType: 'image/jpeg', ownerId: owner });
}

/** `uploader`: who submits it, since a report may only carry its submitter's own uploads. */
export async function reportInput(
  t: TestRuntime,
  overrides: Partial<ActionInput<'reports', 'submit'>> = {},
  uploader = 'demo-resident',
): Promise<ActionInput<'reports', 'submit'>> {
  return {
    category: 'environment',
    description: '3 号楼门口的垃圾桶满了好几天没人清运',
    photos: [await photo(t, uploader)],
    location: { address: '潇湘社区 3 号楼东门', latitude: 28.2, longitude: 112.9 },
    anonymous: false,
    ...overrides,
  };
}

/** A person the seed does not have (a second grid worker, a resident elsewhere), inserted directly. */
export async function addPerson(
  t: TestRuntime,
  openid: string,
  input: { nickname: string; phone?: string; communityId?: string; gridId?: string; grants: RoleGrant[] },
): Promise<string> {
  const userId = `user-${openid}`;
  const now = t.clock.now().toISOString();
  await t.runtime.store.insert<UserDoc>(COLLECTIONS.users, {
    _id: userId,
    nickname: input.nickname,
    phone: input.phone,
    communityId: input.communityId ?? DEMO.communityA,
    gridId: input.gridId,
    grants: input.grants,
    privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
    createdAt: now,
    updatedAt: now,
  });
  await t.runtime.store.insert<IdentityDoc>(COLLECTIONS.identities, { _id: openid, userId });
  return userId;
}

export const codeOf = (result: { ok: boolean; error?: { code: string } }): string =>
  result.ok ? 'OK' : (result.error?.code ?? '?');
