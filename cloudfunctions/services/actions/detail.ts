import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { applicantOf, applicationView, loadApplication, loadItem, requireApplicantOrClerk } from '../lib/access';
import { ZId } from './apply';

export const ZDetailInputSchema = z.strictObject({ applicationId: ZId });

/** One application with its steps and what the item asks for: for the applicant and the window's staff. */
export const detail = defineAction({
  summary: '服务事项申请详情（办理进度、补正要求、领取码）',
  input: ZDetailInputSchema,
  roles: 'authenticated',
  access: { scope: ['self', 'staff'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const app = await loadApplication(ctx.store, input.applicationId);
    requireApplicantOrClerk(ctx.caller, app);
    const item = await loadItem(ctx.store, app.itemId);
    const urls = await ctx.files.urls(app.materials.flatMap((m) => m.fileIds));
    return {
      application: applicationView(ctx, app, await applicantOf(ctx.store, app)),
      required: item.materials,
      collectAt: item.collectAt,
      timeLimitDays: item.timeLimitDays,
      fileUrls: urls,
    };
  },
});
