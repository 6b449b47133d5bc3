/**
 * Every personal field of the data model, listed once: where it lives, whose it is, and what
 * erasure (identity.deleteMyAccount) does to it. Erasure and export (identity.exportMyData) both
 * read this list, and tests/security/erasure.test.ts plants a value in each field through the real
 * actions and then scans every collection of the store for it — a field added elsewhere that copies
 * a person's name, phone or address and is not listed here makes that test fail.
 *
 * Erasure kinds:
 * - delete: the record goes.
 * - blank: the fields are emptied (strings '') or removed; the record stays for its other facts.
 * - pseudonymise: the fields say 已注销用户 instead of the person's name.
 * - keep: stays as it is, for the legal reason given; such records carry ids only, and the id no
 *   longer leads to a person once the user record is erased and the WeChat identity unlinked.
 * - unlink: the record stays for the legal reason given, the owner field becomes null (the record
 *   no longer points at the person at all) and the listed fields are blanked.
 */
import { ERASED_NICKNAME } from './privacy';

export type ErasureKind = 'delete' | 'blank' | 'pseudonymise' | 'keep' | 'unlink';

export interface PersonalRecord {
  collection: string;
  /** The field holding the person's user id (`_id` when the record is keyed by it), or their openid. */
  ownerField: string;
  /** What `ownerField` holds; the user id unless said otherwise. */
  ownerKey?: 'userId' | 'openid';
  /** The personal fields (dotted paths); for `delete`, the whole record. */
  fields: readonly string[];
  erasure: ErasureKind;
  /** Why: for `keep`, the legal reason. */
  reason: string;
  /** Shown in the export; absent when the export already covers it elsewhere (profile, accounts). */
  exportLabel?: string;
}

export const PSEUDONYM = ERASED_NICKNAME;

export const PERSONAL_RECORDS: readonly PersonalRecord[] = [
  {
    collection: 'users',
    ownerField: '_id',
    fields: ['nickname', 'phone', 'realName', 'grants'],
    erasure: 'blank',
    reason: '账号 id 留作账目和记录的匿名指向；昵称改为“已注销用户”，手机号、实名、角色删除',
  },
  {
    collection: 'identities',
    ownerField: 'userId',
    fields: ['_id'],
    erasure: 'delete',
    reason: '微信 openid 与账号的对应关系是最后一个能识别本人的标识',
  },
  {
    collection: 'tb_volunteers',
    ownerField: '_id',
    fields: ['realName', 'skills', 'availability'],
    erasure: 'blank',
    reason: '实名、技能、可服务时间删除；已确认的服务时长留作社区志愿服务统计',
    exportLabel: '志愿者登记',
  },
  {
    collection: 'safety_units',
    ownerField: 'applicantUserId',
    fields: ['contactName', 'contactPhone', 'address', 'note'],
    erasure: 'blank',
    reason: '联系人、电话、地址、备注删除；单位名称与评定结果留作平安细胞名录',
    exportLabel: '平安细胞申请',
  },
  {
    collection: 'reports',
    ownerField: 'reporterUserId',
    fields: ['location.address', 'location.latitude', 'location.longitude', 'photos'],
    erasure: 'blank',
    reason: '上报地址、坐标和照片删除；问题描述和办理过程留作社区治理记录',
    exportLabel: '随手拍上报',
  },
  {
    collection: 'topics',
    ownerField: 'authorUserId',
    fields: ['authorName'],
    erasure: 'pseudonymise',
    reason: '议题内容属于议事记录，署名改为“已注销用户”',
    exportLabel: '提出的议题',
  },
  {
    collection: 'opinions',
    ownerField: 'authorUserId',
    fields: ['authorName'],
    erasure: 'pseudonymise',
    reason: '监督意见须留档答复，署名改为“已注销用户”',
  },
  {
    collection: 'messages',
    ownerField: 'userId',
    fields: ['title', 'body'],
    erasure: 'delete',
    reason: '消息中心只属于本人',
    exportLabel: '消息',
  },
  {
    collection: 'notify_consents',
    ownerField: 'userId',
    fields: ['_id'],
    erasure: 'delete',
    reason: '订阅消息授权随账号结束',
  },
  {
    collection: 'uploads',
    ownerField: 'ownerOpenid',
    ownerKey: 'openid',
    fields: ['_id'],
    erasure: 'delete',
    reason: '本人上传的照片和附件（文件本身一并删除）',
  },
  {
    collection: 'upload_usage',
    ownerField: '_id',
    ownerKey: 'openid',
    fields: ['bytes', 'recent'],
    erasure: 'delete',
    reason: '上传用量随账号结束',
  },
  {
    collection: 'tb_signups',
    ownerField: 'userId',
    fields: ['confirmReason'],
    erasure: 'blank',
    reason: '工作人员确认或更正时长时写的理由删除；报名和已确认的时长留作志愿服务记录',
  },
  {
    collection: 'service_applications',
    ownerField: 'applicantUserId',
    fields: ['note', 'materials', 'document', 'purpose', 'missingNote'],
    erasure: 'blank',
    reason: '申请备注、材料照片、用印文件名称和用途删除；事项、办理过程和时限留作为民服务办理记录',
    exportLabel: '服务事项申请',
  },
  {
    collection: 'seal_register',
    ownerField: 'applicantUserId',
    fields: ['document', 'purpose'],
    erasure: 'keep',
    reason: '用印登记簿按印章管理制度留存备查（文件名称、用途、批准人），只含账号 id',
  },
  {
    collection: 'tips',
    ownerField: 'tipsterUserId',
    fields: [],
    erasure: 'unlink',
    reason:
      '举报内容和办理过程是向有关部门报告违法线索的证据材料，依举报受理和奖励办法留存备查；举报人与账号的关联解除，此后等同匿名举报（照片随本人上传的文件删除）',
    exportLabel: '我的举报',
  },
  {
    collection: 'tip_officers',
    ownerField: 'userId',
    fields: ['_id'],
    erasure: 'delete',
    reason: '举报受理员的指定随账号结束（指定和撤销的经过留在审计日志中）',
  },
  {
    collection: 'sage_applications',
    ownerField: 'applicantUserId',
    fields: ['statement', 'references'],
    erasure: 'blank',
    reason: '个人陈述和推荐人的姓名、电话删除；资格审查和街道审定的结果（决定文号）留作聘任程序记录',
    exportLabel: '乡贤监督员申请',
  },
  {
    collection: 'sage_appointments',
    ownerField: 'userId',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：聘任、续聘、解聘记录（决定文号、任期）依规留存；监督权限随账号角色一并删除',
    exportLabel: '乡贤监督员聘任',
  },
  {
    collection: 'idempotency',
    ownerField: 'subjectUserId',
    fields: ['result'],
    erasure: 'pseudonymise',
    reason:
      '重复请求缓存的结果里出现的本人昵称改为“已注销用户”；本人自己的请求缓存（本人的请求编号空间，注销后不会再重放，可能引用本人填写的内容）整条删除',
  },
  {
    collection: 'proxy_grants',
    ownerField: 'principalUserId',
    fields: ['active'],
    erasure: 'blank',
    reason: '代办授权（本人授出的和授给本人的）全部撤销；对方收到的代办消息里的昵称改为“已注销用户”',
  },
  {
    collection: 'topicSupports',
    ownerField: 'userId',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：支持数是议事公开的一部分',
    exportLabel: '支持的议题',
  },
  {
    collection: 'noticeReads',
    ownerField: 'userId',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：公告已读统计',
    exportLabel: '已读的议事公告',
  },
  {
    collection: 'gc_redemptions',
    ownerField: 'userId',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：绿币账目须可核对（待审核的兑换作废，绿币和库存退回）',
    exportLabel: '爱心超市兑换',
  },
  {
    collection: 'ledger_entries',
    ownerField: 'account',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：复式记账的分录不可删改，否则账目不平',
  },
  {
    collection: 'audit',
    ownerField: 'actorUserId',
    fields: [],
    erasure: 'keep',
    reason: '只有账号 id：特权操作的审计记录依法留存',
  },
  {
    collection: 'disclosures',
    ownerField: 'publishedBy',
    fields: ['publishedByName'],
    erasure: 'keep',
    reason: '工作人员履职发布的公开记录（四议两公开）须保留发布人',
  },
  {
    collection: 'procedures',
    ownerField: 'createdBy',
    fields: ['steps.recordedByName'],
    erasure: 'keep',
    reason: '工作人员履职记录的议事程序须保留记录人',
  },
  {
    collection: 'meetings',
    ownerField: 'minutes.recordedBy',
    fields: ['minutes.recordedByName'],
    erasure: 'keep',
    reason: '工作人员记录的会议纪要须保留记录人',
  },
];

/** What the export lists, one entry per kind of record (owner field indexed, so no scan). */
export const EXPORTED_RECORDS = PERSONAL_RECORDS.filter(
  (r): r is PersonalRecord & { exportLabel: string } => r.exportLabel !== undefined,
);

/** Strings in `value` that contain `name`, with the name replaced by the pseudonym (deeply). */
export function pseudonymiseText<T>(value: T, name: string): T {
  if (!name) return value;
  if (typeof value === 'string') return value.split(name).join(PSEUDONYM) as T;
  if (Array.isArray(value)) return value.map((v) => pseudonymiseText(v, name)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudonymiseText(v, name)])) as T;
  }
  return value;
}
