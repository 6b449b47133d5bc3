/**
 * Green coins (绿币) and the love supermarket (爱心超市): rubric, goods, redemptions and awards.
 * Pure rules only; the money itself moves through the ledger (domain/ledger, _core/ledger).
 */

import { type Decision, refuse } from './decision';
import { type RedemptionFlow, statusAfter } from './redemption';
import { chinaMinuteText } from './reports/sla';

export const GC_COLLECTIONS = {
  rubrics: 'gc_rubrics',
  awards: 'gc_awards',
  goods: 'gc_goods',
  stockMoves: 'gc_stock_moves',
  /** An item's stock split over STOCK_SHARDS documents `<goodsId>#<s>` (issue 17). */
  stockShards: 'gc_stock_shards',
  redemptions: 'gc_redemptions',
  limits: 'gc_limits',
  stats: 'gc_stats',
  vetoes: 'gc_vetoes',
  /** Per (community, person, month): what awards posted without a second approver, so splits add up. */
  awardTotals: 'gc_award_totals',
} as const;

export const RUBRIC_CATEGORIES = [
  { key: 'safety', name: '平安建设' },
  { key: 'environment', name: '环境卫生' },
  { key: 'publicgood', name: '社会公益' },
  { key: 'neighbours', name: '邻里关系' },
  { key: 'family', name: '家庭和睦' },
] as const;
export type RubricCategoryKey = (typeof RUBRIC_CATEGORIES)[number]['key'];

export interface RubricLine {
  id: string;
  category: RubricCategoryKey;
  text: string;
  /** bonus: +amount; penalty: −amount; veto: no bonus for the person for the rest of the month. */
  kind: 'bonus' | 'penalty' | 'veto';
  amount: number;
}

/** One published rubric and the community's green-coin settings; `_id` is the communityId. */
export interface RubricDoc {
  _id: string;
  communityId: string;
  title: string;
  lines: RubricLine[];
  /** Awards or deductions above this many coins need a second staff member's approval. */
  approvalThreshold: number;
  /** Unapproved redemption requests expire after this many hours. */
  redemptionExpiryHours: number;
  /** Where and when approved redemptions are collected (爱心超市); the default when absent. */
  pickup?: PickupInfo;
  publishedAt: string;
  updatedAt: string;
}

export interface PickupInfo {
  place: string;
  hours: string;
  /** Days after approval to collect: shown to the resident as the deadline. */
  days: number;
}

export const DEFAULT_PICKUP: PickupInfo = { place: '社区党群服务中心爱心超市', hours: '工作日 9:00–17:00', days: 7 };

/** The last moment to collect an approved redemption. */
export const pickupDeadline = (decidedAt: string, days: number): string =>
  new Date(Date.parse(decidedAt) + days * 86_400_000).toISOString();

/** '2026年12月8日 14:30' in China time: how a deadline reads in a refusal or a message. */
export const chinaMinute = (iso: string): string => chinaMinuteText(new Date(iso));

/** Bounds of the pickup settings staff may save (validated by `pickup.save`, shown by the form). */
export const PICKUP_LIMITS = { placeMax: 60, hoursMax: 60, daysMin: 1, daysMax: 30 } as const;

/**
 * The first problem with pickup settings (already trimmed), in words for staff; null when valid.
 * The function refuses with it and the form shows it before sending: one rule, two places.
 */
export function pickupProblem(p: { place: string; hours: string; days: number }): string | null {
  const L = PICKUP_LIMITS;
  for (const [what, value, max] of [
    ['领取地点', p.place, L.placeMax],
    ['开放时间', p.hours, L.hoursMax],
  ] as const) {
    if (value.length < 2) return `${what}至少 2 个字`;
    if (value.length > max) return `${what}不能超过 ${max} 个字`;
    // One line each: they are shown under the pickup QR code.
    if (/[\r\n]/.test(value)) return `${what}请写在一行内`;
  }
  if (!Number.isInteger(p.days)) return '领取期限须为整数天';
  if (p.days < L.daysMin) return `领取期限至少 ${L.daysMin} 天`;
  if (p.days > L.daysMax) return `领取期限最多 ${L.daysMax} 天`;
  return null;
}

export interface AwardDoc {
  _id: string;
  communityId: string;
  userId: string;
  lineId: string;
  category: RubricCategoryKey;
  lineText: string;
  kind: RubricLine['kind'];
  /** Coins asked for (positive for both bonus and penalty; 0 for veto). */
  amount: number;
  /** Coins actually moved (a penalty is capped at what the person can spend). */
  postedAmount: number;
  note: string;
  status: 'pending' | 'posted' | 'rejected' | 'reversed';
  makerUserId: string;
  checkerUserId: string | null;
  postingId: string | null;
  rejectReason: string | null;
  /** Set when a posted award was corrected by a reversing entry. */
  reversal: { postingId: string; reason: string; byUserId: string; at: string } | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface GoodsDoc {
  _id: string;
  communityId: string;
  name: string;
  description: string;
  /** Coins per unit. */
  price: number;
  /**
   * No longer kept here (issue 17): every request and approval wrote them, a hot document on
   * CloudBase. The stock lives in the item's shard documents (StockShardDoc); shown stock = their sum.
   */
  stock?: number;
  reserved?: number;
  /** At most this many units per person per period; 0 = no limit. */
  limitPerPerson: number;
  limitPeriod: 'week' | 'month' | 'none';
  pictures: string[];
  active: boolean;
  /** Legacy, like `stock`: each shard counts its own moves now. */
  moveCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface StockMoveDoc {
  _id: string;
  goodsId: string;
  communityId: string;
  kind: 'initial' | 'restock' | 'adjust' | 'redeem' | 'refund';
  /** The stock shard the move changed. */
  shard: number;
  /** 1, 2, 3 … per goods shard: orders a shard's moves even when they share a timestamp. */
  seq: number;
  delta: number;
  /** The shard's stock after the move. */
  stockAfter: number;
  reason: string;
  actorUserId: string;
  redemptionId: string | null;
  at: string;
}

/**
 * Shards per item: 100 residents asking for 5 items at once put 1–2 transactions on a shard rather
 * than 20 on one document (with 8 shards, 22 of them still ran out of retries in the CloudBase
 * load). A request reserves in the shard its user id hashes to, then in others. A power of two:
 * the stock module's probe strides are odd, so they visit every shard.
 */
export const STOCK_SHARDS = 16;

/** Part of an item's stock (issue 17): `stock` units on the shelf, `reserved` of them held by requests. */
export interface StockShardDoc {
  _id: string;
  goodsId: string;
  communityId: string;
  shard: number;
  /** Units on the shelf in this shard, reserved included; never below `reserved`, never negative. */
  stock: number;
  /** Units held by pending requests. */
  reserved: number;
  /** Moves of this shard so far: the next move's seq. */
  moveCount: number;
  updatedAt: string;
}

export const stockShardId = (goodsId: string, shard: number): string => `${goodsId}#${shard}`;

/** `[shard, units]`: where a request's units are reserved, so release and approval find them. */
export type StockPart = [shard: number, quantity: number];

/** Splits `total` ≥ 0 units over the shards as evenly as possible, the remainder from `offset` on. */
export function spreadStock(total: number, offset = 0, shards = STOCK_SHARDS): number[] {
  const base = Math.floor(total / shards);
  const out = Array.from({ length: shards }, () => base);
  for (let i = 0; i < total - base * shards; i += 1) {
    const k = (offset + i) % shards;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export const REDEMPTION_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'picked_up',
  'refunded',
] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  requested: '待审核',
  approved: '待领取',
  rejected: '已驳回',
  cancelled: '已取消',
  expired: '已过期',
  picked_up: '已领取',
  refunded: '已退还',
};

export interface RedemptionDoc {
  _id: string;
  communityId: string;
  userId: string;
  /** 代办: the helper who asked for the resident (`userId`); they may not approve it either. */
  requestedByUserId?: string | null;
  goodsId: string;
  goodsName: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  status: RedemptionStatus;
  holdId: string;
  postingId: string | null;
  /** Shown to the resident once approved; staff confirm pickup with it. */
  pickupCode: string;
  limitKey: string | null;
  /** Where the units are reserved (issue 17); released or handed over from the same shards. */
  stockParts?: StockPart[];
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
  pickedUpAt: string | null;
  pickedUpBy: string | null;
  /**
   * The last moment to collect, fixed at approval from the community's pickup days (what the
   * resident was told); past it pickup is refused and the sweep returns coins and stock.
   * Absent on redemptions approved before the deadline was stored.
   */
  pickupBy?: string | null;
  /** Reversing posting and reason when an approved redemption was refunded. */
  refund?: { postingId: string; reason: string; byUserId: string; at: string } | null;
}

export type RedemptionAction = 'approve' | 'reject' | 'cancel' | 'expire' | 'pickup' | 'refund' | 'lapse';

/** Goods on the shared redemption table (domain/redemption): collected at the counter, refundable, lapsing. */
export const GOODS_FLOW: RedemptionFlow<RedemptionStatus, RedemptionAction> = {
  events: ['approve', 'reject', 'cancel', 'expire', 'pickup', 'refund', 'lapse'],
  labels: REDEMPTION_STATUS_LABELS,
  notNow: (event, status) =>
    event === 'refund' || event === 'lapse'
      ? '只有已通过、尚未领取的兑换可以退还'
      : `该申请${REDEMPTION_STATUS_LABELS[status]}，不能再${event === 'approve' ? '审核' : '操作'}`,
};

/** The status after `action`, or null when the request is not in the state the action needs. */
export function nextRedemptionStatus(status: RedemptionStatus, action: RedemptionAction): RedemptionStatus | null {
  return statusAfter(GOODS_FLOW, status, action);
}

/** Period boundaries in China time (UTC+8), where the programme runs. */
const CN_OFFSET_MS = 8 * 3600_000;

/** '2026-01' for a time, in China time. */
export function monthKey(at: Date): string {
  return new Date(at.getTime() + CN_OFFSET_MS).toISOString().slice(0, 7);
}

/** First instant of a 'YYYY-MM' month (China time) and of the next one, as ISO strings. */
export function monthRange(month: string): { start: string; end: string } {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1, 1) - CN_OFFSET_MS);
  const end = new Date(Date.UTC(y, m, 1) - CN_OFFSET_MS);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** ISO week key ('2026-W02') in China time. */
export function weekKey(at: Date): string {
  const local = new Date(at.getTime() + CN_OFFSET_MS);
  const day = (local.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day + 3));
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Counter id for a per-person limit, or null when the goods has none. */
export function limitKey(goods: Pick<GoodsDoc, '_id' | 'limitPerPerson' | 'limitPeriod'>, userId: string, at: Date) {
  if (goods.limitPerPerson <= 0) return null;
  const period = goods.limitPeriod === 'week' ? weekKey(at) : goods.limitPeriod === 'month' ? monthKey(at) : 'all';
  return `${goods._id}|${userId}|${period}`;
}

/** Six digits from random hex (made outside the transaction, so retries reuse it). */
export function pickupCodeFrom(hex: string): string {
  const n = Number.parseInt(hex.slice(0, 12), 16);
  return String(n % 1_000_000).padStart(6, '0');
}

/**
 * Monthly per-community totals for the anonymised public ledger and the dashboard, kept in a few
 * shards (`_id` = `<communityId>|<YYYY-MM>|<shard>`) so one community's awards and redemptions at
 * the same moment rarely write one document (CloudBase: first committer wins). Readers sum the
 * documents of a community and month, whatever their number.
 */
export interface StatsDoc {
  _id: string;
  communityId: string;
  month: string;
  issued: number;
  deducted: number;
  redeemed: number;
  refunded: number;
  awards: number;
  redemptions: number;
  /** Coins issued per rubric category. */
  byCategory: Record<string, number>;
}

// 64, not 4 (issue 17): 100 approvals at once lost 87 to four shards in the CloudBase load, 42 to 16.
// A community-month has at most 64 documents, made on first use (the public ledger reads a year: 768).
export const GC_STATS_SHARDS = 64;

export const statsId = (communityId: string, month: string, shard = 0): string => `${communityId}|${month}|${shard}`;

/** What the rubric asks for a line: whether it needs a second approver. */
export function needsSecondApprover(
  line: Pick<RubricLine, 'amount'>,
  threshold: number,
  /** What already posted to this person this period without a second approver (4 × 30 is 120). */
  unreviewedThisPeriod = 0,
): boolean {
  return line.amount + unreviewedThisPeriod > threshold;
}

/** The running total behind per-person, per-month second-approver limits. */
export interface AwardTotalDoc {
  _id: string;
  communityId: string;
  userId: string;
  month: string;
  /** Sum of amounts posted without a checker this month (bonuses and deductions alike). */
  unreviewed: number;
}

export const awardTotalId = (communityId: string, userId: string, month: string): string =>
  `${communityId}|${userId}|${month}`;

/**
 * Whether `reviewer` may review (approve or reject) a pending award: one they manage (else it is
 * not theirs to see), still pending, and made by someone else — the maker never checks their own.
 */
export function checkAwardReview<A extends Pick<AwardDoc, 'status' | 'makerUserId'>>(
  award: A | null,
  reviewer: { userId: string; manages: boolean },
): Decision<{ award: A }> {
  if (!award || !reviewer.manages) return refuse('NOT_FOUND', '评定记录不存在');
  if (award.status !== 'pending') return refuse('CONFLICT', '该评定已复核，不能重复操作');
  if (award.makerUserId === reviewer.userId) return refuse('FORBIDDEN', '需由另一名工作人员复核');
  return { ok: true, award };
}

/** A 一票否决 this month stops every bonus to that person until the month ends. */
export function checkBonusAllowed(vetoedThisMonth: boolean): Decision {
  return vetoedThisMonth ? refuse('CONFLICT', '该居民本月已被一票否决，不能再获得绿币') : { ok: true };
}

/** A penalty takes at most what the person can still spend: coins never go negative. */
export const penaltyAmount = (asked: number, available: number): number => Math.min(asked, Math.max(0, available));
