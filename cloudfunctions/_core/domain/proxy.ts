/**
 * 代办 (proxy helpers): a resident lets a family member or their grid worker act for them.
 * A grant names what the helper may do; every proxied action is recorded for the resident.
 */
export const PROXY_SCOPES = ['reports', 'redeem', 'meetings'] as const;
export type ProxyScope = (typeof PROXY_SCOPES)[number];

export const PROXY_SCOPE_LABELS: Record<ProxyScope, string> = {
  reports: '随手拍上报',
  redeem: '绿币兑换',
  meetings: '议事会报名',
};

export const PROXY_COLLECTIONS = {
  /** One per (resident, helper): `${principalUserId}:${agentUserId}`. */
  grants: 'proxy_grants',
  /** Append-only: what a helper did for whom; the resident's 代办记录. */
  actions: 'proxy_actions',
} as const;

export interface ProxyGrantDoc {
  _id: string;
  principalUserId: string;
  agentUserId: string;
  /** A scalar per scope keeps the indexed fields scalar; `scopes` is for display. */
  scopes: ProxyScope[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  revokedAt: string | null;
}

export interface ProxyActionDoc {
  _id: string;
  principalUserId: string;
  agentUserId: string;
  scope: ProxyScope;
  /** `<function>.<action>`, e.g. `reports.submit`. */
  action: string;
  target: { collection: string; id: string };
  summary: string;
  at: string;
}

export const proxyGrantId = (principalUserId: string, agentUserId: string): string =>
  `${principalUserId}:${agentUserId}`;

export function allows(grant: ProxyGrantDoc | null | undefined, scope: ProxyScope): boolean {
  return !!grant && grant.active && grant.scopes.includes(scope);
}
