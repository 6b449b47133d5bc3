import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { loadApplication, loadItem } from '../lib/access';
import { CLERKS, step, ZId } from '../lib/handle';

export const ZSupplementInputSchema = z.strictObject({
  applicationId: ZId,
  /** The materials that are missing or unreadable, by the item's names. */
  missing: z.array(z.string().trim().min(1).max(40)).min(1).max(12),
  note: z.string().trim().min(2).max(200),
});

/** 一次性告知补正: the applicant is told everything that is missing at once. */
export const supplement = defineAction({
  summary: '一次性告知补正（列明缺少的材料）',
  input: ZSupplementInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const app = await loadApplication(ctx.store, input.applicationId);
    const item = await loadItem(ctx.store, app.itemId);
    const unknown = input.missing.find((m) => !item.materials.includes(m));
    if (unknown) throw new AppError('INVALID_INPUT', `「${unknown}」不是该事项所需的材料`);
    return step(ctx, {
      applicationId: input.applicationId,
      step: 'supplement',
      note: input.note,
      title: '请补交材料',
      body: (a) => `您申请的「${a.itemName}」需补交：${input.missing.join('、')}。${input.note}`,
      change: () => ({ missing: [...new Set(input.missing)], missingNote: input.note }),
      details: { missing: input.missing.length },
    });
  },
});
