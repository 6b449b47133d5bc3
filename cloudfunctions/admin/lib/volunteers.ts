import { COLLECTIONS } from '../../_core/domain/people';
import { DEFAULT_RULE, type RuleDoc, starLevel, TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import type { ActionContext } from '../../_core/runtime/define';

/** Volunteers read per community, page by page; a community has at most a few thousand. */
const PAGE = 1000;
const MAX_PAGES = 20;

/**
 * Time-bank figures of some communities, cumulative (the time bank keeps running totals per
 * volunteer): registrations as a share of residents, hours, and the star distribution by each
 * community's published rule.
 */
export async function volunteerFigures(ctx: ActionContext, communityIds: readonly string[]) {
  let residents = 0;
  let volunteers = 0;
  let verified = 0;
  let minutes = 0;
  const stars = [0, 0, 0, 0, 0, 0];
  for (const communityId of communityIds) {
    const [r, v, rule] = await Promise.all([
      ctx.store.count(COLLECTIONS.users, { communityId }),
      ctx.store.count(TB_COLLECTIONS.volunteers, { communityId }),
      ctx.store.get<RuleDoc>(TB_COLLECTIONS.rules, communityId),
    ]);
    residents += r;
    volunteers += v;
    const starHours = rule?.starHours ?? [...DEFAULT_RULE.starHours];
    for (let page = 0; page < MAX_PAGES && page * PAGE < v; page++) {
      const docs = await ctx.store.find<VolunteerDoc>(
        TB_COLLECTIONS.volunteers,
        { communityId },
        { orderBy: [['_id', 'asc']], skip: page * PAGE, limit: PAGE },
      );
      for (const d of docs) {
        minutes += d.confirmedMinutes;
        if (d.status === 'verified') verified += 1;
        const level = starLevel(d.confirmedMinutes, starHours).stars;
        stars[level] = (stars[level] ?? 0) + 1;
      }
      if (docs.length < PAGE) break;
    }
  }
  return {
    residents,
    volunteers,
    verified,
    /** Percent with one decimal. */
    registeredShare: residents ? Math.round((volunteers * 1000) / residents) / 10 : null,
    totalHours: Math.round(minutes / 6) / 10,
    averageHours: volunteers ? Math.round(minutes / volunteers / 6) / 10 : null,
    /** Volunteers per star level, index 0 = no star yet. */
    stars,
  };
}
