/**
 * Time-bank and council counters (issue 19): kept in the transaction of each change through the
 * count*Change calls, read by admin.figures as a bounded number of indexed reads — COUNTER_SHARDS
 * documents per community (× days for meetings) — instead of paging every volunteer and meeting.
 * The pure part (keys, contributions) is domain/figures/counters.ts.
 */

import {
  applyInc,
  COUNTER_COLLECTIONS,
  type Contribution,
  type CouncilDayFigureDoc,
  type CountedMeeting,
  type CountedOpinion,
  type CountedVolunteer,
  type CounterKey,
  meetingContribution,
  meetingKey,
  newCouncilDayFigureDoc,
  newOpinionFigureDoc,
  newTimebankFigureDoc,
  type OpinionFigureDoc,
  opinionContribution,
  opinionKey,
  type TimebankFigureDoc,
  volunteerContribution,
  volunteerKey,
} from '../domain/figures/counters';
import { contributionDelta, dayRange } from '../domain/reports/figures';
import type { DocStore, Filter, StoredDoc, TxStore } from '../store/docstore';

interface Counted<T> {
  collection: string;
  key: (doc: T) => CounterKey;
  contribution: (doc: T) => Contribution;
  fresh: (key: CounterKey) => object;
}

const VOLUNTEERS: Counted<CountedVolunteer> = {
  collection: COUNTER_COLLECTIONS.timebank,
  key: volunteerKey,
  contribution: volunteerContribution,
  fresh: newTimebankFigureDoc,
};
const MEETINGS: Counted<CountedMeeting> = {
  collection: COUNTER_COLLECTIONS.council,
  key: meetingKey,
  contribution: meetingContribution,
  fresh: newCouncilDayFigureDoc,
};
const OPINIONS: Counted<CountedOpinion> = {
  collection: COUNTER_COLLECTIONS.opinions,
  key: opinionKey,
  contribution: opinionContribution,
  fresh: newOpinionFigureDoc,
};

async function bump(tx: TxStore, counted: Counted<never>, key: CounterKey, inc: Contribution): Promise<void> {
  if (Object.keys(inc).length === 0) return;
  // Retry-safe: a rerun transaction body starts again from the committed state.
  const found = await tx.updateById(counted.collection, key.id, { $inc: inc });
  if (found) return;
  const doc = counted.fresh(key) as { _id: string };
  applyInc(doc, inc);
  await tx.insert(counted.collection, doc);
}

const negate = (inc: Contribution): Contribution => Object.fromEntries(Object.entries(inc).map(([k, v]) => [k, -v]));

/** Moves a document's contribution from what it was (null: new) to what it is (null: removed). */
async function countChange<T>(tx: TxStore, counted: Counted<T>, before: T | null, after: T | null): Promise<void> {
  const c = counted as unknown as Counted<never>;
  const was = before ? counted.contribution(before) : {};
  const is = after ? counted.contribution(after) : {};
  const from = before ? counted.key(before) : null;
  const to = after ? counted.key(after) : null;
  if (from && to && from.id === to.id) return bump(tx, c, to, contributionDelta(was, is));
  if (from) await bump(tx, c, from, negate(was));
  if (to) await bump(tx, c, to, is);
}

/** A volunteer registered, verified, credited, corrected or moved community. */
export const countVolunteerChange = (tx: TxStore, before: CountedVolunteer | null, after: CountedVolunteer | null) =>
  countChange(tx, VOLUNTEERS, before, after);
/** A meeting's status or minutes changed (only held meetings count). */
export const countMeetingChange = (tx: TxStore, before: CountedMeeting | null, after: CountedMeeting | null) =>
  countChange(tx, MEETINGS, before, after);
/** An opinion was filed or answered. */
export const countOpinionChange = (tx: TxStore, before: CountedOpinion | null, after: CountedOpinion | null) =>
  countChange(tx, OPINIONS, before, after);

/** Counters recomputed from raw documents, keyed like the stored ones (seeders write these; tests compare). */
function recompute<T>(counted: Counted<T>, docs: Iterable<T>): Map<string, { _id: string }> {
  const out = new Map<string, { _id: string }>();
  for (const d of docs) {
    const key = counted.key(d);
    const inc = counted.contribution(d);
    if (Object.keys(inc).length === 0) continue;
    let doc = out.get(key.id);
    if (!doc) {
      doc = counted.fresh(key) as { _id: string };
      out.set(key.id, doc);
    }
    applyInc(doc, inc);
  }
  return out;
}

export const timebankFiguresFrom = (volunteers: Iterable<CountedVolunteer>) =>
  recompute(VOLUNTEERS, volunteers) as Map<string, TimebankFigureDoc>;
export const councilFiguresFrom = (meetings: Iterable<CountedMeeting>) =>
  recompute(MEETINGS, meetings) as Map<string, CouncilDayFigureDoc>;
export const opinionFiguresFrom = (opinions: Iterable<CountedOpinion>) =>
  recompute(OPINIONS, opinions) as Map<string, OpinionFigureDoc>;

/** Counter documents read per page; a community holds COUNTER_SHARDS of each (× days for meetings). */
const PAGE = 1000;
/** 100 pages: 12,500 communities' time-bank shards, or a year of meeting days in 270 communities. */
const MAX_PAGES = 100;

const communityWhere = (communityIds: readonly string[] | undefined): Filter =>
  communityIds === undefined
    ? {}
    : communityIds.length === 1
      ? { communityId: communityIds[0] }
      : { communityId: { $in: [...communityIds] } };

/**
 * Every document of a filter, in keyset pages (after the last _id), as readReportFigures: skip
 * would walk the earlier pages again. `truncated` when MAX_PAGES pages did not reach the end.
 */
export async function readPages<T extends StoredDoc>(
  store: DocStore,
  collection: string,
  filter: Filter,
): Promise<{ docs: T[]; truncated: boolean }> {
  const docs: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch: T[] = await store.find<T>(collection, after === null ? filter : { ...filter, _id: { $gt: after } }, {
      orderBy: [['_id', 'asc']],
      limit: PAGE,
    });
    docs.push(...batch);
    if (batch.length < PAGE) return { docs, truncated: false };
    after = batch[batch.length - 1]?._id ?? null;
  }
  return { docs, truncated: true };
}

const readAll = async <T extends StoredDoc>(store: DocStore, collection: string, filter: Filter): Promise<T[]> =>
  (await readPages<T>(store, collection, filter)).docs;

/** The time-bank counters of some communities (all for none given), per community (stars need each one's rule). */
export async function readTimebankFigures(
  store: DocStore,
  communityIds: readonly string[] | undefined,
): Promise<Map<string, Omit<TimebankFigureDoc, '_id' | 'shard'>>> {
  const out = new Map<string, Omit<TimebankFigureDoc, '_id' | 'shard'>>();
  for (const d of await readAll<TimebankFigureDoc>(store, COUNTER_COLLECTIONS.timebank, communityWhere(communityIds))) {
    let sum = out.get(d.communityId);
    if (!sum) {
      sum = { communityId: d.communityId, volunteers: 0, verified: 0, minutes: 0, hours: {} };
      out.set(d.communityId, sum);
    }
    sum.volunteers += d.volunteers ?? 0;
    sum.verified += d.verified ?? 0;
    sum.minutes += d.minutes ?? 0;
    for (const [h, n] of Object.entries(d.hours ?? {})) sum.hours[h] = (sum.hours[h] ?? 0) + n;
  }
  return out;
}

/** Held meetings of some communities over the China days of [from, to), summed. */
export async function readCouncilFigures(
  store: DocStore,
  communityIds: readonly string[] | undefined,
  fromIso: string,
  toIso: string,
): Promise<{ meetingsHeld: number; attendees: number; outcomes: Record<string, number>; documents: number }> {
  const { first, last } = dayRange(fromIso, toIso);
  const docs = await readAll<CouncilDayFigureDoc>(store, COUNTER_COLLECTIONS.council, {
    ...communityWhere(communityIds),
    day: { $gte: first, $lte: last },
  });
  const sum = { meetingsHeld: 0, attendees: 0, outcomes: {} as Record<string, number>, documents: docs.length };
  for (const d of docs) {
    sum.meetingsHeld += d.meetingsHeld ?? 0;
    sum.attendees += d.attendees ?? 0;
    for (const [k, n] of Object.entries(d.outcomes ?? {})) sum.outcomes[k] = (sum.outcomes[k] ?? 0) + n;
  }
  return sum;
}

/** Opinions open and answered now in some communities. */
export async function readOpinionFigures(
  store: DocStore,
  communityIds: readonly string[] | undefined,
): Promise<{ open: number; answered: number }> {
  const docs = await readAll<OpinionFigureDoc>(store, COUNTER_COLLECTIONS.opinions, communityWhere(communityIds));
  return docs.reduce((a, d) => ({ open: a.open + (d.open ?? 0), answered: a.answered + (d.answered ?? 0) }), {
    open: 0,
    answered: 0,
  });
}
