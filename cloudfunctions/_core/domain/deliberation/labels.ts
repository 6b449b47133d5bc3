/**
 * Vocabulary shared by the deliberation function and the council pages (pure constants, compiled
 * into the mini-program too, so keep this file free of imports and logic).
 */
export const MEETING_FORMATS = ['议事会', '院坝会', '火塘会', '楼宇会', '村民会议', '村民代表会议'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const AUDIENCES = ['all', 'representatives', 'party_members'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: '全体居民',
  representatives: '居民（村民）代表',
  party_members: '党员',
};

/** The programme's own figures count settled matters in these three kinds. */
export const OUTCOME_CATEGORIES = ['公共服务', '监督管理', '基础设施建设'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

export const MEETING_STATUS_LABELS = {
  draft: '草稿',
  published: '已发布',
  held: '已召开',
  cancelled: '已取消',
} as const;

export const TOPIC_STATUS_LABELS = {
  open: '待答复',
  accepted: '已采纳',
  rejected: '未采纳',
  under_study: '研究中',
} as const;

export const DISCLOSURE_CATEGORIES = ['party', 'village', 'finance'] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];
export const DISCLOSURE_CATEGORY_LABELS: Record<DisclosureCategory, string> = {
  party: '党务公开',
  village: '村（居）务公开',
  finance: '财务公开',
};

export const PROCEDURE_STEPS = [
  'proposal',
  'committees',
  'party_review',
  'villagers_decision',
  'resolution_published',
  'result_published',
] as const;
export type ProcedureStepKind = (typeof PROCEDURE_STEPS)[number];
export const PROCEDURE_STEP_LABELS: Record<ProcedureStepKind, string> = {
  proposal: '党组织提议',
  committees: '两委会商议',
  party_review: '党员大会审议',
  villagers_decision: '村（居）民会议或代表会议决议',
  resolution_published: '决议公开',
  result_published: '实施结果公开',
};

export const PROCEDURE_STATUS_LABELS = {
  in_progress: '进行中',
  rejected: '未通过',
  completed: '已完成',
} as const;

export const OPINION_TARGET_LABELS = { meeting: '议事会', procedure: '四议两公开', disclosure: '公开栏' } as const;
