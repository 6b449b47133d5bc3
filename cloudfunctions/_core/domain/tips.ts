/**
 * 举报奖励 (扫黑除恶、安全生产举报奖励、见义勇为人员奖励): confidential tip-offs graded by each
 * scheme's published levels, on the principle 「合法有功、适当奖励、分级负责、统一发放」.
 * Pure rules; the `tips` function does the I/O.
 */
import { UPLOAD_LIMITS } from './uploads';

export const TIP_COLLECTIONS = {
  tips: 'tips',
  /** One row per designation (`<userId>|<scheme>|<communityId or *>`): the officers list reads it, the grant is the power. */
  officers: 'tip_officers',
  /**
   * Anonymous photo tickets, keyed by the sha-256 of the ticket the tipster holds: the photos
   * uploaded with it, never who asked for it. Removed when the tip is filed.
   */
  photoTickets: 'tip_photo_tickets',
  /** Tickets asked for per person per day, keyed by a hash of person and day: a count, no ids, no times. */
  photoQuota: 'tip_photo_quota',
  /**
   * The parts of an anonymous photo still being sent (tips-photos.ts says why parts), one document
   * each, keyed by ticket, photo and number; removed when the photo is whole, given up, filed or expired.
   */
  photoParts: 'tip_photo_parts',
} as const;

/** The owner the file store records for an anonymous tip's photos: the same for every tipster. */
export const ANONYMOUS_UPLOADER = 'anonymous-tip';

export const ANONYMOUS_PHOTO_LIMITS = {
  /** Photos one anonymous tip may carry (as many as a named one). */
  perTicket: 6,
  /** Tickets a person may ask for per China day. */
  ticketsPerDay: 3,
  /** A ticket not used within this long is refused. */
  ttlMs: 2 * 3600_000,
  /** One photo: the limit of an ordinary upload (UPLOAD_LIMITS.maxBytes). */
  photoBytes: UPLOAD_LIMITS.maxBytes,
  /**
   * All photos of one ticket. Anonymous photos count against nobody's storage quota (that would
   * name the sender), so this cap, with 3 tickets a day, bounds what one person can store that way.
   */
  ticketBytes: 10 * 1024 * 1024,
} as const;

/** A photo whose parts are arriving: which, how many parts it has, how many are stored, their bytes. */
export interface PendingPhoto {
  photo: string;
  parts: number;
  received: number;
  bytes: number;
}

export interface PhotoTicketDoc {
  _id: string;
  photos: string[];
  expiresAt: string;
  /** The client's key of each photo in `photos` (same order): a retried last part finds its file. */
  keys?: string[];
  /** Bytes of the photos stored under this ticket. */
  bytes?: number;
  /** The photo being sent in parts, if any (one at a time). */
  upload?: PendingPhoto | null;
}

/** One part of a photo being sent (≤ 64 KiB of bytes as base64), until the photo is whole. */
export interface PhotoPartDoc {
  _id: string;
  /** The ticket's id (the hash of the ticket), for the sweep of expired parts. */
  ticketId: string;
  photo: string;
  part: number;
  data: string;
  size: number;
  digest: string;
  expiresAt: string;
}

export interface PhotoQuotaDoc {
  _id: string;
  count: number;
}

export interface OfficerDoc {
  _id: string;
  userId: string;
  scheme: TipScheme;
  /** Null: street-wide. */
  communityId: string | null;
  designatedBy: string;
  designatedAt: string;
}

export const officerDocId = (userId: string, scheme: string, communityId?: string | null): string =>
  `${userId}|${scheme}|${communityId ?? '*'}`;

export const TIP_SCHEMES = ['crime', 'safety', 'heroic'] as const;
export type TipScheme = (typeof TIP_SCHEMES)[number];

export interface TipLevel {
  id: string;
  label: string;
  /** What earns it, as the scheme publishes it. */
  rule: string;
  /** Whole yuan; 0 = recorded, no reward. */
  reward: number;
}

export interface SchemeDef {
  id: TipScheme;
  name: string;
  /** What may be reported under it. */
  scope: string;
  levels: TipLevel[];
}

const NONE: TipLevel = { id: 'none', label: '不予奖励', rule: '线索未查证属实或不属于奖励范围', reward: 0 };

/** A scheme's published levels, highest first (l1, l2, …), then 不予奖励. */
const published = (rows: ReadonlyArray<readonly [label: string, rule: string, reward: number]>): TipLevel[] => [
  ...rows.map(([label, rule, reward], i) => ({ id: `l${i + 1}`, label, rule, reward })),
  NONE,
];

/** The published levels (amounts as the demo city publishes them; a real deployment loads its own). */
export const SCHEMES: Readonly<Record<TipScheme, SchemeDef>> = {
  crime: {
    id: 'crime',
    name: '扫黑除恶举报奖励',
    scope: '黑恶势力违法犯罪线索，及其背后的“保护伞”',
    levels: published([
      ['一级', '线索查证属实，打掉黑社会性质组织', 10_000],
      ['二级', '线索查证属实，打掉恶势力犯罪集团', 5_000],
      ['三级', '线索查证属实，查处涉黑涉恶违法犯罪人员', 1_000],
    ]),
  },
  safety: {
    id: 'safety',
    name: '安全生产举报奖励',
    scope: '重大事故隐患和安全生产违法行为',
    levels: published([
      ['一级', '举报重大事故隐患，经核查属实', 3_000],
      ['二级', '举报较大事故隐患或非法生产经营，经核查属实', 1_000],
      ['三级', '举报一般事故隐患，经核查属实并整改', 200],
    ]),
  },
  heroic: {
    id: 'heroic',
    name: '见义勇为人员奖励',
    scope: '不负法定职责，为保护国家、集体利益或他人人身财产安全挺身而出的行为',
    levels: published([
      ['一等', '经确认为见义勇为，事迹特别突出', 5_000],
      ['二等', '经确认为见义勇为，事迹突出', 2_000],
      ['三等', '经确认为见义勇为', 1_000],
    ]),
  },
};

export const levelOf = (scheme: TipScheme, levelId: string): TipLevel | undefined =>
  SCHEMES[scheme].levels.find((l) => l.id === levelId);

export const TIP_STATUSES = ['received', 'graded', 'rewarded', 'closed', 'paid', 'forfeited'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export const TIP_STATUS_LABELS: Record<TipStatus, string> = {
  received: '已受理，核查中',
  graded: '已评定，待复核',
  rewarded: '奖励已核发，待领取',
  closed: '已办结（不予奖励）',
  paid: '奖励已领取',
  forfeited: '奖励已作废（举报人注销账号）',
};

export interface TipDoc {
  _id: string;
  scheme: TipScheme;
  communityId: string;
  content: string;
  place: string;
  photos: string[];
  anonymous: boolean;
  /** Null for an anonymous tip: nobody, officers included, can learn who sent it. */
  tipsterUserId: string | null;
  /** sha-256 of the claim code an anonymous tipster keeps; the code itself is never stored. */
  claimHash: string | null;
  status: TipStatus;
  levelId: string | null;
  reward: number;
  gradeNote: string;
  gradedBy: string | null;
  gradedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The ledger posting that paid the reward (issuer → the tip's reward account). */
  postingId: string | null;
  paidOutAt: string | null;
  paidOutBy: string | null;
  /** Why a grade was sent back, last time. */
  returnedReason: string | null;
  submittedAt: string;
  updatedAt: string;
}

/** The reward account's owner: the named tipster, or the tip itself when anonymous. */
export const rewardOwner = (tip: Pick<TipDoc, '_id' | 'tipsterUserId'>): string =>
  tip.tipsterUserId ?? `tip-${tip._id}`;

/** 12 characters a person can copy down: groups of four, no 0/O/1/I confusion. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function claimCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

export const CLAIM_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;
