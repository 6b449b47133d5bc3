import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { assertPhotos } from '../lib/access';
import { runTransition } from '../lib/changes';
import { answer, ZReportId } from '../lib/transitions';
import { ZFileId } from './submit';

export const ZResolveInputSchema = z.strictObject({
  reportId: ZReportId,
  /** The official answer, in plain words, shown to the reporter. */
  answer: z.string().trim().min(5).max(500),
  /** Evidence photos of the result. */
  photos: z.array(ZFileId).min(1).max(9),
});

export const resolve = defineAction({
  summary: '办结：上传办理后的照片并用大白话答复居民',
  input: ZResolveInputSchema,
  roles: ['gridworker', 'staff', 'admin'],
  access: { scope: ['grid', 'staff'], touches: ['reports'], writes: true },
  handler: async (input, ctx) => {
    await assertPhotos(ctx, input.photos);
    const updated = await runTransition(ctx, input.reportId, 'resolve', (report, now) => {
      const first = report.resolvedAt === null;
      return {
        set: { answer: input.answer, evidencePhotos: input.photos, resolvedAt: first ? now : report.resolvedAt },
        note: input.answer,
        photos: input.photos,
        audit: { rework: report.reworkCount },
      };
    });
    return answer(updated);
  },
});
