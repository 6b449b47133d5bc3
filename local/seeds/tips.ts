import { COLLECTIONS, type IdentityDoc, type UserDoc } from '../../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { type OfficerDoc, officerDocId, TIP_COLLECTIONS, TIP_SCHEMES } from '../../cloudfunctions/_core/domain/tips';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

/**
 * Two officers of the street's 综治中心, designated for every scheme street-wide, so a grade can
 * always be approved by a second person. They are not personas of the authorization matrix: the
 * matrix shows all six personas refused at the tip desk. The login page offers them for the demo.
 */
export const TIP_OFFICERS = [
  { openid: 'demo-tipofficer', userId: 'user-tipofficer', nickname: '赵警官', phone: '13800000011' },
  { openid: 'demo-tipchecker', userId: 'user-tipchecker', nickname: '孙主任', phone: '13800000012' },
] as const;

export async function seedTips(store: DocStore, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  for (const officer of TIP_OFFICERS) {
    await store.insert<UserDoc>(COLLECTIONS.users, {
      _id: officer.userId,
      nickname: officer.nickname,
      phone: officer.phone,
      communityId: 'community-xiaoxiang',
      gridId: 'grid-xiaoxiang-2',
      grants: [
        { role: 'resident', communityId: 'community-xiaoxiang' },
        ...TIP_SCHEMES.map((scheme) => ({ role: 'tip_officer' as const, scheme })),
      ],
      privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: at },
      createdAt: at,
      updatedAt: at,
    });
    await store.insert<IdentityDoc>(COLLECTIONS.identities, { _id: officer.openid, userId: officer.userId });
    for (const scheme of TIP_SCHEMES) {
      await store.insert<OfficerDoc>(TIP_COLLECTIONS.officers, {
        _id: officerDocId(officer.userId, scheme),
        userId: officer.userId,
        scheme,
        communityId: null,
        designatedBy: 'user-admin',
        designatedAt: at,
      });
    }
  }
}
