import type { CommunityDoc, GridDoc, IdentityDoc, StreetDoc, UserDoc } from '../cloudfunctions/_core/domain/people';
import { COLLECTIONS } from '../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../cloudfunctions/_core/domain/privacy';
import type { RoleGrant } from '../cloudfunctions/_core/domain/roles';
import type { Clock } from '../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../cloudfunctions/_core/store/docstore';
import { CONTEXT_SEEDS } from './seeds';

/** Fixed ids so tests, docs and the persona picker can name the demo places. */
export const DEMO = {
  street: 'street-nanning',
  communityA: 'community-xiaoxiang',
  communityB: 'community-cuifeng',
  gridA1: 'grid-xiaoxiang-1',
  gridA2: 'grid-xiaoxiang-2',
  gridB1: 'grid-cuifeng-1',
} as const;

export interface Persona {
  openid: string;
  userId: string;
  nickname: string;
  /** Shown on the persona picker. */
  description: string;
  phone: string;
  gridId: string;
  communityId: string;
  grants: RoleGrant[];
}

const resident = (communityId: string): RoleGrant => ({ role: 'resident', communityId });

export const PERSONAS: readonly Persona[] = [
  {
    openid: 'demo-resident',
    userId: 'user-resident',
    nickname: '张阿姨',
    description: '居民：随手拍、绿币、议事会',
    phone: '13800000001',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA1,
    grants: [resident(DEMO.communityA)],
  },
  {
    openid: 'demo-volunteer',
    userId: 'user-volunteer',
    nickname: '小李',
    description: '志愿者：活动报名、签到、时间银行',
    phone: '13800000002',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA2,
    grants: [resident(DEMO.communityA), { role: 'volunteer', communityId: DEMO.communityA }],
  },
  {
    openid: 'demo-gridworker',
    userId: 'user-gridworker',
    nickname: '王网格',
    description: '网格员：受理和办理本网格的事项',
    phone: '13800000003',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA1,
    grants: [resident(DEMO.communityA), { role: 'gridworker', communityId: DEMO.communityA, gridId: DEMO.gridA1 }],
  },
  {
    // 第二网格 has its own worker, so a report placed there can be dispatched to someone of its grid.
    openid: 'demo-gridworker2',
    userId: 'user-gridworker2',
    nickname: '周网格',
    description: '网格员：受理和办理潇湘第二网格的事项',
    phone: '13800000007',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA2,
    grants: [resident(DEMO.communityA), { role: 'gridworker', communityId: DEMO.communityA, gridId: DEMO.gridA2 }],
  },
  {
    openid: 'demo-staff',
    userId: 'user-staff',
    nickname: '陈书记',
    description: '社区工作者：派单、评定绿币、审核兑换、发布议事',
    phone: '13800000004',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA1,
    grants: [resident(DEMO.communityA), { role: 'staff', communityId: DEMO.communityA }],
  },
  {
    openid: 'demo-sage',
    userId: 'user-sage',
    nickname: '刘老先生',
    description: '乡贤监督员：只读监督、提出意见',
    phone: '13800000005',
    communityId: DEMO.communityA,
    gridId: DEMO.gridA2,
    grants: [resident(DEMO.communityA), { role: 'sage', communityId: DEMO.communityA }],
  },
  {
    openid: 'demo-admin',
    userId: 'user-admin',
    nickname: '街道管理员',
    description: '管理员：街道和社区的设置与数据',
    phone: '13800000006',
    communityId: DEMO.communityB,
    gridId: DEMO.gridB1,
    grants: [resident(DEMO.communityB), { role: 'admin' }],
  },
];

/** Seeds the demo street on first run; does nothing when the database already has data. */
export async function seedDemo(store: DocStore, clock: Clock): Promise<boolean> {
  if (await store.get<StreetDoc>(COLLECTIONS.streets, DEMO.street)) return false;
  const now = clock.now().toISOString();
  await store.insert<StreetDoc>(COLLECTIONS.streets, { _id: DEMO.street, name: '南宁街道' });
  const communities: CommunityDoc[] = [
    { _id: DEMO.communityA, streetId: DEMO.street, name: '潇湘社区', kind: 'community' },
    { _id: DEMO.communityB, streetId: DEMO.street, name: '翠峰社区', kind: 'community' },
  ];
  for (const community of communities) await store.insert(COLLECTIONS.communities, community);
  const grids: GridDoc[] = [
    { _id: DEMO.gridA1, communityId: DEMO.communityA, name: '潇湘第一网格', workerUserId: 'user-gridworker' },
    { _id: DEMO.gridA2, communityId: DEMO.communityA, name: '潇湘第二网格', workerUserId: 'user-gridworker2' },
    { _id: DEMO.gridB1, communityId: DEMO.communityB, name: '翠峰第一网格' },
  ];
  for (const grid of grids) await store.insert(COLLECTIONS.grids, grid);
  for (const persona of PERSONAS) {
    await store.insert<UserDoc>(COLLECTIONS.users, {
      _id: persona.userId,
      nickname: persona.nickname,
      phone: persona.phone,
      communityId: persona.communityId,
      gridId: persona.gridId,
      grants: persona.grants,
      privacy: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now },
      createdAt: now,
      updatedAt: now,
    });
    await store.insert<IdentityDoc>(COLLECTIONS.identities, { _id: persona.openid, userId: persona.userId });
  }
  for (const seedContext of CONTEXT_SEEDS) await seedContext(store, clock);
  return true;
}
