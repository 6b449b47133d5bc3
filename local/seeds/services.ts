import {
  type ApplicationDoc,
  dueAtFrom,
  type ItemKind,
  SERVICE_COLLECTIONS,
  type SealEntryDoc,
  type ServiceItemDoc,
} from '../../cloudfunctions/_core/domain/services';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

const WINDOW = '潇湘社区党群服务中心一楼便民服务窗口';

type Seed = [
  id: string,
  kind: ItemKind,
  name: string,
  description: string,
  materials: string[],
  fee: number,
  days: number,
];

/** A realistic part of 潇湘社区's lists (法定办理 / 为民服务 / 印章使用), with what each needs. */
const ITEMS: Seed[] = [
  [
    'svc-residence',
    'statutory',
    '居住证明',
    '为在本社区实际居住的居民出具居住证明，用于入学、办理居住证等。',
    ['居民身份证', '户口簿或房屋产权证明', '租房合同（租住的提供）'],
    0,
    3,
  ],
  [
    'svc-dibao',
    'statutory',
    '低保申请',
    '最低生活保障申请的初审受理，材料齐全后报街道审核。',
    ['居民身份证', '户口簿', '家庭收入情况说明', '银行卡复印件'],
    0,
    10,
  ],
  [
    'svc-elderly-card',
    'statutory',
    '老年人优待证',
    '60 周岁以上老年人办理优待证，凭证享受公交、景区等优待。',
    ['居民身份证', '一寸免冠照片'],
    0,
    7,
  ],
  [
    'svc-disability',
    'statutory',
    '残疾人证申请',
    '受理残疾人证申领，协助预约评残。',
    ['居民身份证', '户口簿', '二寸免冠照片三张', '医院诊断证明'],
    0,
    15,
  ],
  ['svc-birth', 'statutory', '生育登记', '办理一孩、二孩、三孩生育登记服务。', ['夫妻双方身份证', '结婚证'], 0, 1],
  [
    'svc-medical-insurance',
    'resident',
    '城乡居民医保参保登记',
    '为未参保居民办理城乡居民基本医疗保险参保登记。',
    ['居民身份证', '户口簿'],
    0,
    5,
  ],
  [
    'svc-pension-check',
    'resident',
    '养老金领取资格认证',
    '协助老年人完成养老金领取资格认证，行动不便的可预约上门。',
    ['居民身份证'],
    0,
    1,
  ],
  [
    'svc-job',
    'resident',
    '就业失业登记',
    '办理就业创业证、失业登记，提供岗位推荐。',
    ['居民身份证', '劳动合同解除证明'],
    0,
    5,
  ],
  [
    'seal-income',
    'seal',
    '家庭经济困难证明盖章',
    '学生助学金、困难救助所需的家庭经济情况证明加盖社区印章。',
    ['居民身份证', '需盖章的证明材料'],
    0,
    3,
  ],
  [
    'seal-relationship',
    'seal',
    '亲属关系证明盖章',
    '办理继承、入学、公证等需要的亲属关系证明盖章。',
    ['双方居民身份证', '户口簿', '需盖章的证明材料'],
    0,
    3,
  ],
  [
    'seal-form',
    'seal',
    '证明材料盖章',
    '各类表格、证明材料的核实与加盖社区印章（限社区职责范围内事项）。',
    ['居民身份证', '需盖章的证明材料'],
    0,
    2,
  ],
];

const COMMUNITY = 'community-xiaoxiang';
const DAY = 86_400_000;

/** The window's catalogue, one finished residence certificate (for the figures) and one seal use. */
export async function seedServices(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const at = new Date(now).toISOString();
  let order = 0;
  for (const [id, kind, name, description, materials, fee, days] of ITEMS) {
    order += 10;
    const item: ServiceItemDoc = {
      _id: `${id}-xiaoxiang`,
      communityId: COMMUNITY,
      kind,
      name,
      description,
      materials,
      fee,
      timeLimitDays: days,
      collectAt: WINDOW,
      active: true,
      order,
      updatedAt: at,
      updatedBy: 'user-staff',
    };
    await store.insert(SERVICE_COLLECTIONS.items, item);
  }
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const base = {
    communityId: COMMUNITY,
    applicantUserId: 'user-volunteer',
    note: '',
    missing: [],
    missingNote: '',
    refusedReason: null,
    decidedBy: 'user-staff',
    materials: [],
  };
  const done: ApplicationDoc = {
    ...base,
    _id: 'svc-app-demo-1',
    itemId: 'svc-residence-xiaoxiang',
    itemName: '居住证明',
    itemKind: 'statutory',
    document: null,
    purpose: null,
    status: 'collected',
    submittedAt: iso(12),
    acceptedAt: iso(12),
    dueAt: dueAtFrom(iso(12), 3),
    decidedAt: iso(11),
    collectedAt: iso(10),
    pickupCode: null,
    events: [
      { at: iso(12), byUserId: 'user-volunteer', step: 'submit', note: '' },
      { at: iso(12), byUserId: 'user-staff', step: 'accept', note: '' },
      { at: iso(11), byUserId: 'user-staff', step: 'approve', note: '' },
      { at: iso(10), byUserId: 'user-staff', step: 'collect', note: '' },
    ],
    updatedAt: iso(10),
  };
  const sealed: ApplicationDoc = {
    ...base,
    _id: 'svc-app-demo-2',
    itemId: 'seal-income-xiaoxiang',
    itemName: '家庭经济困难证明盖章',
    itemKind: 'seal',
    document: '曲靖市家庭经济困难学生认定申请表',
    purpose: '子女申请国家助学金',
    status: 'collected',
    submittedAt: iso(6),
    acceptedAt: iso(6),
    dueAt: dueAtFrom(iso(6), 3),
    decidedAt: iso(5),
    collectedAt: iso(5),
    pickupCode: null,
    events: [
      { at: iso(6), byUserId: 'user-volunteer', step: 'submit', note: '' },
      { at: iso(6), byUserId: 'user-staff', step: 'accept', note: '' },
      { at: iso(5), byUserId: 'user-staff', step: 'approve', note: '' },
      { at: iso(5), byUserId: 'user-staff', step: 'collect', note: '' },
    ],
    updatedAt: iso(5),
  };
  for (const app of [done, sealed]) await store.insert(SERVICE_COLLECTIONS.applications, app);
  const seal: SealEntryDoc = {
    _id: 'seal-demo-1',
    communityId: COMMUNITY,
    applicationId: sealed._id,
    itemName: sealed.itemName,
    document: sealed.document ?? '',
    purpose: sealed.purpose ?? '',
    applicantUserId: sealed.applicantUserId,
    approvedBy: 'user-staff',
    usedAt: iso(5),
  };
  await store.insert(SERVICE_COLLECTIONS.seals, seal);
}
