import { useProfile } from '../../../hooks/useProfile';

/** What the council pages ask of the signed-in person's roles (an admin counts as staff here). */
export function useCouncilRoles() {
  const profile = useProfile();
  const has = (...roles: string[]) => profile.data?.roles.some((r) => roles.includes(r.role)) ?? false;
  return { isStaff: has('staff', 'admin'), isSage: has('sage'), isResident: has('resident') };
}
