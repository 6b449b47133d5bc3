import {
  type AwardDoc,
  GC_COLLECTIONS,
  type GoodsDoc,
  monthKey,
  type RubricDoc,
  type RubricLine,
  type StatsDoc,
  statsId,
} from '../../cloudfunctions/_core/domain/greencoin';
import { issuerAccount, post, userAccount } from '../../cloudfunctions/_core/ledger';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';
import { initialStock } from '../../cloudfunctions/greencoin/stock';

const COMMUNITIES = ['community-xiaoxiang', 'community-cuifeng'] as const;

/** The published rubric (绿币评定细则): five categories, bonus and penalty lines, one veto line. */
export const DEMO_RUBRIC_LINES: RubricLine[] = [
  { id: 'safe-1', category: 'safety', kind: 'bonus', amount: 10, text: '参与治安巡逻一次' },
  { id: 'safe-2', category: 'safety', kind: 'bonus', amount: 100, text: '见义勇为、协助破获案件' },
  { id: 'safe-3', category: 'safety', kind: 'penalty', amount: 20, text: '私拉电线、楼道堆放易燃物，经劝导不改' },
  { id: 'env-1', category: 'environment', kind: 'bonus', amount: 5, text: '垃圾分类投放准确（月度抽查）' },
  { id: 'env-2', category: 'environment', kind: 'bonus', amount: 20, text: '门前三包整洁，评为“美丽庭院”' },
  { id: 'env-3', category: 'environment', kind: 'penalty', amount: 10, text: '乱扔垃圾、乱倒污水' },
  { id: 'pub-1', category: 'publicgood', kind: 'bonus', amount: 10, text: '参加志愿服务半天' },
  { id: 'pub-2', category: 'publicgood', kind: 'bonus', amount: 30, text: '随手拍上报问题经核实' },
  { id: 'nbr-1', category: 'neighbours', kind: 'bonus', amount: 15, text: '帮扶独居老人、困难邻居' },
  { id: 'nbr-2', category: 'neighbours', kind: 'penalty', amount: 15, text: '邻里纠纷中辱骂他人' },
  { id: 'fam-1', category: 'family', kind: 'bonus', amount: 20, text: '评为“和睦家庭”“好婆媳”' },
  {
    id: 'fam-2',
    category: 'family',
    kind: 'veto',
    amount: 0,
    text: '家庭暴力、遗弃老人（一票否决，当月不得获得绿币）',
  },
];

const GOODS: Array<Pick<GoodsDoc, 'name' | 'description' | 'price' | 'stock' | 'limitPerPerson' | 'limitPeriod'>> = [
  {
    name: '洗衣液 2kg',
    description: '蓝月亮深层洁净洗衣液',
    price: 30,
    stock: 40,
    limitPerPerson: 2,
    limitPeriod: 'month',
  },
  { name: '食用油 5L', description: '金龙鱼调和油', price: 80, stock: 20, limitPerPerson: 1, limitPeriod: 'month' },
  { name: '大米 10kg', description: '东北长粒香', price: 60, stock: 25, limitPerPerson: 1, limitPeriod: 'month' },
  { name: '毛巾两条装', description: '纯棉加厚', price: 15, stock: 60, limitPerPerson: 0, limitPeriod: 'none' },
  { name: '理发券', description: '社区便民理发点一次', price: 10, stock: 100, limitPerPerson: 4, limitPeriod: 'month' },
];

/** Seeds rubric, goods with stock, and some coins for the demo resident and volunteer (through the ledger). */
export async function seedGreencoin(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now();
  const at = now.toISOString();
  for (const communityId of COMMUNITIES) {
    const rubric: RubricDoc = {
      _id: communityId,
      communityId,
      title: '绿币积分评定细则（2026 版）',
      lines: DEMO_RUBRIC_LINES,
      approvalThreshold: 50,
      redemptionExpiryHours: 72,
      pickup:
        communityId === 'community-xiaoxiang'
          ? { place: '潇湘社区党群服务中心一楼爱心超市', hours: '周一至周六 9:00–12:00、14:30–17:30', days: 7 }
          : { place: '翠峰社区便民服务站爱心超市', hours: '工作日 9:00–17:00', days: 7 },
      publishedAt: at,
      updatedAt: at,
    };
    await store.insert(GC_COLLECTIONS.rubrics, rubric);
    for (const [i, g] of GOODS.entries()) {
      const id = `goods-${communityId.replace('community-', '')}-${i + 1}`;
      const { stock, ...fields } = g;
      const doc: GoodsDoc = {
        _id: id,
        communityId,
        ...fields,
        pictures: [],
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      // Through the one stock module, spread over the shards as goods.save does.
      await store.runTransaction(async (tx) => {
        await tx.insert(GC_COLLECTIONS.goods, doc);
        await initialStock(tx, doc, stock ?? 0, {
          id: `${id}-m1`,
          kind: 'initial',
          reason: '上架',
          actorUserId: 'user-staff',
          redemptionId: null,
          at,
        });
      });
    }
  }
  const communityId = 'community-xiaoxiang';
  const awards: Array<{ userId: string; lineId: string; note: string }> = [
    { userId: 'user-resident', lineId: 'env-2', note: '10 月“美丽庭院”评选' },
    { userId: 'user-resident', lineId: 'nbr-1', note: '照顾 3 栋独居的王奶奶' },
    { userId: 'user-resident', lineId: 'pub-2', note: '上报路灯损坏，已修复' },
    { userId: 'user-resident', lineId: 'env-1', note: '11 月垃圾分类抽查合格' },
    { userId: 'user-volunteer', lineId: 'pub-1', note: '重阳节敬老活动' },
    { userId: 'user-volunteer', lineId: 'safe-1', note: '夜间治安巡逻' },
    { userId: 'user-volunteer', lineId: 'pub-1', note: '社区义诊志愿服务' },
  ];
  const stats: StatsDoc = {
    _id: statsId(communityId, monthKey(now)),
    communityId,
    month: monthKey(now),
    issued: 0,
    deducted: 0,
    redeemed: 0,
    refunded: 0,
    awards: 0,
    redemptions: 0,
    byCategory: {},
  };
  for (const [i, a] of awards.entries()) {
    const line = DEMO_RUBRIC_LINES.find((l) => l.id === a.lineId) as RubricLine;
    const awardId = `seed-award-${i + 1}`;
    await store.runTransaction(async (tx) => {
      await post(tx, {
        id: `seed-posting-${i + 1}`,
        currency: 'GC',
        from: issuerAccount('GC', communityId),
        to: userAccount('GC', a.userId),
        amount: line.amount,
        reason: `${line.text}`,
        kind: 'award',
        category: line.category,
        ref: { collection: GC_COLLECTIONS.awards, id: awardId },
        actorUserId: 'user-staff',
        at,
      });
      const award: AwardDoc = {
        _id: awardId,
        communityId,
        userId: a.userId,
        lineId: line.id,
        category: line.category,
        lineText: line.text,
        kind: line.kind,
        amount: line.amount,
        postedAmount: line.amount,
        note: a.note,
        status: 'posted',
        makerUserId: 'user-staff',
        checkerUserId: null,
        postingId: `seed-posting-${i + 1}`,
        rejectReason: null,
        reversal: null,
        createdAt: at,
        decidedAt: at,
      };
      await tx.insert(GC_COLLECTIONS.awards, award);
    });
    stats.issued += line.amount;
    stats.awards += 1;
    stats.byCategory[line.category] = (stats.byCategory[line.category] ?? 0) + line.amount;
  }
  await store.insert(GC_COLLECTIONS.stats, stats);
}
