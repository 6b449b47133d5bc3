/**
 * Time-bank and council counters (issue 19), pure: what one volunteer, held meeting or opinion
 * adds to its counter document, derived from that document alone. A change applies "minus what
 * it counted before, plus what it counts now" in the change's own transaction, and a recompute
 * from the raw documents must give the same numbers (tests/functions/figures.tb-council.test.ts).
 *
 * Each counter document is (community, shard) — plus the China day for meetings — and the shard
 * is a hash of the counted document's id (the volunteer's user id, the meeting id, the opinion
 * id): two people acting at once in one community write different documents (CloudBase lets only
 * the first committer of a document win), and reads sum COUNTER_SHARDS documents per community.
 */
import { type MeetingDoc, type OpinionDoc, OUTCOME_KEYS } from '../deliberation/model';
import { chinaDay } from '../reports/sla';
import type { VolunteerDoc } from '../timebank';

export const COUNTER_COLLECTIONS = {
  /** Volunteers, verified, confirmed minutes and the whole-hours histogram per (community, shard), cumulative. */
  timebank: 'tb_figures',
  /** Held meetings, attendees and outcomes per (community, China day of the meeting, shard). */
  council: 'council_day_figures',
  /** Opinions open / answered per (community, shard), as they stand now. */
  opinions: 'opinion_figures',
} as const;

// 64 like the report and green-coin counters: with 8, 100 volunteers of one community checking in at once
// met about a dozen to a shard on the CloudBase load (69 lost conflicts on one tb_figures document).
export const COUNTER_SHARDS = 64;

/** FNV-1a of the id: the same document always lands in the same shard (one hash for every counter). */
export function counterShard(id: string, shards = COUNTER_SHARDS): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

export interface CounterKey {
  id: string;
  /** The fixed fields of the counter document (community, shard, day). */
  fields: Record<string, string | number>;
}

export type Contribution = Record<string, number>;

// ---- time bank -------------------------------------------------------------------------------

export type CountedVolunteer = Pick<VolunteerDoc, '_id' | 'communityId' | 'status' | 'confirmedMinutes'>;

export interface TimebankFigureDoc {
  _id: string;
  communityId: string;
  shard: number;
  volunteers: number;
  verified: number;
  minutes: number;
  /**
   * Volunteers per whole confirmed hours (`h<hours>`): the star distribution follows from it under
   * whatever thresholds the community publishes, now or later, without reading the volunteers.
   */
  hours: Record<string, number>;
}

export function volunteerKey(v: CountedVolunteer): CounterKey {
  const shard = counterShard(v._id);
  return { id: `${v.communityId}|${shard}`, fields: { communityId: v.communityId, shard } };
}

export function volunteerContribution(v: CountedVolunteer): Contribution {
  const out: Contribution = { volunteers: 1, [`hours.h${Math.floor(v.confirmedMinutes / 60)}`]: 1 };
  if (v.status === 'verified') out.verified = 1;
  if (v.confirmedMinutes) out.minutes = v.confirmedMinutes;
  return out;
}

export function newTimebankFigureDoc(key: CounterKey): TimebankFigureDoc {
  return {
    _id: key.id,
    communityId: String(key.fields.communityId),
    shard: Number(key.fields.shard),
    volunteers: 0,
    verified: 0,
    minutes: 0,
    hours: {},
  };
}

/** Volunteers per star level (index 0 = no star yet) from the hours histogram, as `starLevel` counts them. */
export function starsFromHours(hours: Record<string, number>, starHours: readonly number[]): number[] {
  const stars = new Array<number>(starHours.length + 1).fill(0);
  for (const [key, n] of Object.entries(hours)) {
    if (!n) continue;
    const h = Number(key.slice(1));
    // minutes ≥ threshold·60 ⇔ floor(minutes / 60) ≥ threshold, thresholds being whole hours.
    let level = 0;
    while (level < starHours.length && h >= (starHours[level] as number)) level += 1;
    stars[level] = (stars[level] ?? 0) + n;
  }
  return stars;
}

// ---- council ---------------------------------------------------------------------------------

export type CountedMeeting = Pick<MeetingDoc, '_id' | 'communityId' | 'status' | 'startsAt' | 'minutes'>;

export interface CouncilDayFigureDoc {
  _id: string;
  communityId: string;
  /** 'YYYY-MM-DD', China time, of the meeting's start. */
  day: string;
  shard: number;
  meetingsHeld: number;
  attendees: number;
  /** Outcomes per category, by OUTCOME_KEYS (field names stay ASCII). */
  outcomes: Record<string, number>;
}

export function meetingKey(m: CountedMeeting): CounterKey {
  const shard = counterShard(m._id);
  const day = chinaDay(new Date(m.startsAt));
  return { id: `${m.communityId}|${day}|${shard}`, fields: { communityId: m.communityId, day, shard } };
}

/** Only held meetings count, on the day they started. */
export function meetingContribution(m: CountedMeeting): Contribution {
  if (m.status !== 'held') return {};
  const out: Contribution = { meetingsHeld: 1 };
  if (m.minutes?.attendeeCount) out.attendees = m.minutes.attendeeCount;
  for (const o of m.minutes?.outcomes ?? []) {
    const f = `outcomes.${OUTCOME_KEYS[o.category]}`;
    out[f] = (out[f] ?? 0) + 1;
  }
  return out;
}

export function newCouncilDayFigureDoc(key: CounterKey): CouncilDayFigureDoc {
  return {
    _id: key.id,
    communityId: String(key.fields.communityId),
    day: String(key.fields.day),
    shard: Number(key.fields.shard),
    meetingsHeld: 0,
    attendees: 0,
    outcomes: {},
  };
}

// ---- opinions --------------------------------------------------------------------------------

export type CountedOpinion = Pick<OpinionDoc, '_id' | 'communityId' | 'status'>;

export interface OpinionFigureDoc {
  _id: string;
  communityId: string;
  shard: number;
  open: number;
  answered: number;
}

export function opinionKey(o: CountedOpinion): CounterKey {
  const shard = counterShard(o._id);
  return { id: `${o.communityId}|${shard}`, fields: { communityId: o.communityId, shard } };
}

export const opinionContribution = (o: CountedOpinion): Contribution => ({ [o.status]: 1 });

export function newOpinionFigureDoc(key: CounterKey): OpinionFigureDoc {
  return {
    _id: key.id,
    communityId: String(key.fields.communityId),
    shard: Number(key.fields.shard),
    open: 0,
    answered: 0,
  };
}

// ---- shared ----------------------------------------------------------------------------------

/** Applies dotted increments to a document in memory (recomputes, sums). */
export function applyInc(doc: object, inc: Contribution): void {
  const target = doc as Record<string, unknown>;
  for (const [path, n] of Object.entries(inc)) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      target[path] = ((target[path] as number | undefined) ?? 0) + n;
    } else {
      const group = path.slice(0, dot);
      const bucket = (target[group] ?? {}) as Record<string, number>;
      const name = path.slice(dot + 1);
      bucket[name] = (bucket[name] ?? 0) + n;
      target[group] = bucket;
    }
  }
}
