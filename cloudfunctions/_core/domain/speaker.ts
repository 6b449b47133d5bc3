import { ROLE_LABELS, type RoleGrant } from './roles';

/**
 * Who speaks for the community where a resident reads it (a report's progress, an opinion's
 * answer, a disclosure, minutes): the role is stated by the server beside the name, because a
 * nickname is free text and anyone can call themselves 陈书记. Strongest first.
 */
export const SPEAKING_ROLES = ['staff', 'admin', 'gridworker', 'sage'] as const;
export type SpeakingRole = (typeof SPEAKING_ROLES)[number];

/** The badge beside a name: the role's key (for tests and styling) and the words shown. */
export interface SpeakerBadge {
  role: SpeakingRole;
  label: string;
}

export const speakerBadge = (role: SpeakingRole): SpeakerBadge => ({ role, label: ROLE_LABELS[role] });

/**
 * The strongest speaking role the person holds over `communityId` (an admin without a community
 * holds it everywhere), or null: a resident, a volunteer or someone whose role was withdrawn
 * carries no badge.
 */
export function speakerIn(grants: readonly RoleGrant[], communityId: string): SpeakerBadge | null {
  for (const role of SPEAKING_ROLES) {
    const held = grants.some(
      (g) => g.role === role && (g.communityId === communityId || (role === 'admin' && g.communityId === undefined)),
    );
    if (held) return speakerBadge(role);
  }
  return null;
}
