import type { CatalogueAction, CatalogueFunction } from '../../cloudfunctions/_core/runtime/catalogue';
import { PERSONAS } from '../../local/seed';
import { TIP_OFFICERS } from '../../local/seeds/tips';

export interface CatalogueEntry extends CatalogueAction {
  fn: string;
}

export const flatten = (catalogue: CatalogueFunction[]): CatalogueEntry[] =>
  catalogue.flatMap((fn) => fn.actions.map((action) => ({ ...action, fn: fn.name })));

/** Whether the declared policy lets this persona through the role gate. */
export function allowedFor(entry: CatalogueEntry, openid: string): boolean {
  // System-only actions (access.scope ['system']) admit no person, whatever their roles.
  if (entry.access.scope.length === 1 && entry.access.scope[0] === 'system') return false;
  if (entry.roles === 'authenticated') return true;
  const persona = PERSONAS.find((p) => p.openid === openid);
  if (!persona) throw new Error(`unknown persona ${openid}`);
  return persona.grants.some((grant) => (entry.roles as readonly string[]).includes(grant.role));
}

/** A persona the declared policy admits, preferring the least privileged. */
export function personaFor(entry: CatalogueEntry): string {
  const persona = PERSONAS.find((p) => allowedFor(entry, p.openid));
  // The tip desk admits no persona (the matrix shows all six refused): its seeded officers call it.
  if (!persona && entry.roles !== 'authenticated' && entry.roles.includes('tip_officer')) return TIP_OFFICERS[0].openid;
  if (!persona) throw new Error(`${entry.fn}.${entry.action} admits no seeded persona`);
  return persona.openid;
}
