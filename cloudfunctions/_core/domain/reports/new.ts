import { deadlines } from './sla';
import type { ReportDoc, ReportLocation } from './types';

export interface NewReport {
  /** Made before the transaction (ctx.newId()): a retried body writes the same report. */
  id: string;
  communityId: string;
  gridId: string;
  /** The category's id and its SLA hours: the deadlines are counted from `at`. */
  category: { _id: string; responseHours: number; resolveHours: number };
  description: string;
  photos: string[];
  location: ReportLocation;
  anonymous: boolean;
  reporterUserId: string;
  /** Set when someone filed it for the reporter (staff or a 代办 helper). */
  filedByUserId: string | null;
  /** ISO time of filing. */
  at: string;
}

/**
 * The one builder of a freshly filed report (status submitted, version 1, every later field empty):
 * `reports.submit` files it and the benchmark's dataset clones it, so a field added to ReportDoc is
 * added here once. The SLA sort keys (`escalateAt`, `dueAt`) start empty and at filing time; the
 * action rewrites them with `slaFields`, as every later change does.
 */
export function newReportDoc(input: NewReport): ReportDoc {
  return {
    _id: input.id,
    communityId: input.communityId,
    gridId: input.gridId,
    category: input.category._id,
    description: input.description,
    photos: input.photos,
    location: input.location,
    anonymous: input.anonymous,
    reporterUserId: input.reporterUserId,
    filedByUserId: input.filedByUserId,
    status: 'submitted',
    assigneeUserId: null,
    suspendedFrom: null,
    suspendedAt: null,
    ...deadlines(input.at, input.category),
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    escalation: 0,
    escalateAt: null,
    dueAt: input.at,
    answer: null,
    evidencePhotos: [],
    reworkCount: 0,
    meTooCount: 0,
    rating: null,
    rewardedAt: null,
    version: 1,
    createdAt: input.at,
    updatedAt: input.at,
  };
}
