import { starsFromHours } from '../../_core/domain/figures/counters';
import { COLLECTIONS } from '../../_core/domain/people';
import { DEFAULT_RULE, type RuleDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { readTimebankFigures } from '../../_core/figures/counters';
import type { ActionContext } from '../../_core/runtime/define';

/**
 * Time-bank figures of some communities, cumulative: registrations as a share of residents, hours,
 * and the star distribution by each community's published rule. Read from the (community, shard)
 * counters the time bank keeps (issue 19): COUNTER_SHARDS documents per community, one count of
 * residents and one page of rules, never the volunteers themselves.
 *
 * `counterScope` undefined reads every community's counters (the city); `communityIds` still
 * names the communities whose residents and rules count.
 */
export async function volunteerFigures(
  ctx: ActionContext,
  counterScope: readonly string[] | undefined,
  communityIds: readonly string[],
) {
  const wanted = new Set(communityIds);
  const [counters, residents, rules] = await Promise.all([
    readTimebankFigures(ctx.store, counterScope),
    communityIds.length === 0
      ? 0
      : ctx.store.count(
          COLLECTIONS.users,
          communityIds.length === 1 ? { communityId: communityIds[0] } : { communityId: { $in: [...communityIds] } },
        ),
    readRules(ctx, communityIds),
  ]);
  let volunteers = 0;
  let verified = 0;
  let minutes = 0;
  const stars = [0, 0, 0, 0, 0, 0];
  for (const [communityId, c] of counters) {
    if (!wanted.has(communityId)) continue;
    volunteers += c.volunteers;
    verified += c.verified;
    minutes += c.minutes;
    const starHours = rules.get(communityId)?.starHours ?? [...DEFAULT_RULE.starHours];
    starsFromHours(c.hours, starHours).forEach((n, level) => {
      stars[level] = (stars[level] ?? 0) + n;
    });
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

/** The published rules of the communities (few have one; the rest use the default), by pages of 1000 ids. */
async function readRules(ctx: ActionContext, communityIds: readonly string[]): Promise<Map<string, RuleDoc>> {
  const out = new Map<string, RuleDoc>();
  for (let i = 0; i < communityIds.length; i += 1000) {
    const ids = communityIds.slice(i, i + 1000);
    const docs = await ctx.store.find<RuleDoc>(TB_COLLECTIONS.rules, { _id: { $in: ids } }, { limit: 1000 });
    for (const d of docs) out.set(d._id, d);
  }
  return out;
}
