import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type DisclosureDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertReader, oversees } from '../lib/access';
import { disclosureView } from '../lib/views';

export const ZGetDisclosureInputSchema = z.strictObject({ disclosureId: z.string().min(1).max(64) });

export const getDisclosure = defineAction({
  summary: '公开事项详情（附件可查看）',
  input: ZGetDisclosureInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const disclosure = await ctx.store.get<DisclosureDoc>(DELIBERATION_COLLECTIONS.disclosures, input.disclosureId);
    if (!disclosure) throw new AppError('NOT_FOUND', '公开事项不存在');
    assertReader(ctx, disclosure.communityId);
    const now = ctx.clock.now().toISOString();
    const view = disclosureView(disclosure, now);
    // Outside its publish period it is gone for residents; the record stays for oversight.
    if (!view.visible && !oversees(ctx, disclosure.communityId))
      throw new AppError('NOT_FOUND', '公开事项不在公示期内');
    const urls = await ctx.files.urls(disclosure.attachments.map((a) => a.fileId));
    return disclosureView(disclosure, now, urls);
  },
});
