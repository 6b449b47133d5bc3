import { z } from 'zod';

export const ZReportId = z.string().min(1).max(64);

export const ZReason = z.string().trim().min(2).max(200);

/** What every lifecycle action answers: the new status (pages reload the detail). */
export const answer = (r: { _id: string; status: string; version: number }) => ({
  id: r._id,
  status: r.status,
  version: r.version,
});
