import {
  type ActivityDoc,
  type ServiceDoc,
  type SignupDoc,
  type SlotDoc,
  signupId,
  slotId,
  TB_COLLECTIONS,
  type VolunteerDoc,
} from '../../cloudfunctions/_core/domain/timebank';
import { countVolunteerChange } from '../../cloudfunctions/_core/figures/counters';
import { issuerAccount, post, userAccount } from '../../cloudfunctions/_core/ledger';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

const COMMUNITY = 'community-xiaoxiang';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Past activities the demo volunteer served at (confirmed, points credited through the ledger). */
const PAST = [
  { id: 'tb-act-past-elders', title: '重阳节敬老院陪伴', place: '小巷社区养老服务中心', days: -40, minutes: 240 },
  { id: 'tb-act-past-river', title: '沿河步道清洁行动', place: '南宁河步道东段', days: -25, minutes: 420 },
  { id: 'tb-act-past-clinic', title: '社区义诊引导服务', place: '社区卫生服务站', days: -9, minutes: 490 },
] as const;

const UPCOMING = [
  {
    id: 'tb-act-reading',
    title: '周末儿童绘本共读',
    place: '社区图书角（党群服务中心二楼）',
    days: 2,
    hours: 2,
    slots: 6,
    skills: ['讲故事', '带娃经验'],
    description: '陪伴社区 6-10 岁儿童共读绘本，每位志愿者带 3-4 名孩子。',
  },
  {
    id: 'tb-act-repair',
    title: '便民维修进小区',
    place: '小巷社区 3 栋楼下广场',
    days: 5,
    hours: 3,
    slots: 4,
    skills: ['家电维修', '水电'],
    description: '为居民免费修理小家电、更换水龙头和灯泡，材料费由社区承担。',
  },
  {
    id: 'tb-act-visit',
    title: '独居老人上门探访',
    place: '小巷社区各网格',
    days: 7,
    hours: 2,
    slots: 8,
    skills: ['陪伴聊天'],
    description: '两人一组探访独居老人，了解生活需要并登记，发现问题及时告知网格员。',
  },
] as const;

const SERVICES: Array<Pick<ServiceDoc, 'name' | 'description' | 'points'>> = [
  { name: '上门理发', description: '为行动不便的老人上门理发一次', points: 10 },
  { name: '家电小修', description: '上门检修小家电一次（不含配件）', points: 20 },
  { name: '陪同就医', description: '志愿者陪同前往社区医院就诊半天', points: 30 },
  { name: '老人陪护探访', description: '志愿者上门陪伴聊天 2 小时', points: 15 },
];

/** Seeds the demo volunteer's profile and history, upcoming activities and redeemable services. */
export async function seedTimebank(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const iso = (offset: number) => new Date(now + offset).toISOString();
  const secret = (id: string) => `demo-secret-${id}`;
  const base = (id: string, title: string, place: string, startsAt: string, endsAt: string) => ({
    _id: id,
    communityId: COMMUNITY,
    organizerUserId: 'user-staff',
    title,
    place,
    startsAt,
    endsAt,
    secret: secret(id),
    status: 'published' as const,
    waitlist: [],
  });
  let total = 0;
  for (const p of PAST) {
    const start = now + p.days * DAY;
    const activity: ActivityDoc = {
      ...base(p.id, p.title, p.place, iso(p.days * DAY), new Date(start + p.minutes * 60_000).toISOString()),
      description: '',
      slots: 10,
      skills: [],
      creditMinutes: p.minutes,
      createdAt: iso(p.days * DAY - 7 * DAY),
    };
    const id = signupId(p.id, 'user-volunteer');
    const points = Math.floor(p.minutes / 30);
    const at = new Date(start + p.minutes * 60_000 + HOUR).toISOString();
    const signup: SignupDoc = {
      _id: id,
      activityId: p.id,
      communityId: COMMUNITY,
      userId: 'user-volunteer',
      status: 'signed',
      createdAt: iso(p.days * DAY - 3 * DAY),
      updatedAt: at,
      checkInAt: iso(p.days * DAY),
      checkOutAt: new Date(start + p.minutes * 60_000).toISOString(),
      confirmedMinutes: p.minutes,
      confirmedAt: at,
      confirmedBy: 'user-staff',
      points,
      postingId: `tb-${id}`,
      slot: 0,
    };
    total += p.minutes;
    await store.runTransaction(async (tx) => {
      await tx.insert(TB_COLLECTIONS.activities, activity);
      await tx.insert(TB_COLLECTIONS.signups, signup);
      await tx.insert<SlotDoc>(TB_COLLECTIONS.slots, {
        _id: slotId(p.id, 0),
        activityId: p.id,
        communityId: COMMUNITY,
        slot: 0,
        userId: 'user-volunteer',
        at: signup.createdAt,
      });
      await post(tx, {
        id: `tb-${id}`,
        currency: 'TP',
        from: issuerAccount('TP', COMMUNITY),
        to: userAccount('TP', 'user-volunteer'),
        amount: points,
        reason: `志愿服务「${p.title}」${p.minutes} 分钟`,
        kind: 'timebank',
        category: 'timebank',
        ref: { collection: TB_COLLECTIONS.signups, id },
        actorUserId: 'user-staff',
        at,
      });
    });
  }
  const volunteer: VolunteerDoc = {
    _id: 'user-volunteer',
    userId: 'user-volunteer',
    communityId: COMMUNITY,
    realName: '李晓明',
    skills: ['陪伴聊天', '电脑维修'],
    availability: '周末全天、工作日晚上',
    consentAt: iso(-60 * DAY),
    status: 'verified',
    verifiedBy: 'user-staff',
    verifiedAt: iso(-58 * DAY),
    // 19 h 10 min: one more hour of service reaches 1★ (20 h), which the demo shows.
    confirmedMinutes: total,
    activityCount: PAST.length,
    createdAt: iso(-60 * DAY),
    updatedAt: iso(-9 * DAY),
  };
  await store.insert(TB_COLLECTIONS.volunteers, volunteer);
  // The counters admin.figures reads (issue 19), as the handlers keep them.
  await store.runTransaction((tx) => countVolunteerChange(tx, null, volunteer));
  for (const u of UPCOMING) {
    const doc: ActivityDoc = {
      ...base(u.id, u.title, u.place, iso(u.days * DAY), iso(u.days * DAY + u.hours * HOUR)),
      description: u.description,
      slots: u.slots,
      skills: [...u.skills],
      creditMinutes: u.hours * 60,
      createdAt: iso(-DAY),
    };
    await store.insert(TB_COLLECTIONS.activities, doc);
  }
  for (const [i, s] of SERVICES.entries()) {
    await store.insert<ServiceDoc>(TB_COLLECTIONS.services, {
      _id: `tb-svc-${i + 1}`,
      communityId: COMMUNITY,
      ...s,
      active: true,
      createdAt: iso(-30 * DAY),
      updatedAt: iso(-30 * DAY),
    });
  }
}
