import { z } from 'zod';
import { DISCLOSURE_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { DELIBERATION_COLLECTIONS, type DisclosureDoc } from '../../_core/domain/deliberation/model';
import { ATTACHMENT_TYPES } from '../../_core/domain/uploads';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { assertOwnUploads } from '../../_core/runtime/uploads';
import { assertStaff, communityOf, nameOf, writeAudit } from '../lib/access';
import { disclosureView } from '../lib/views';

export const ZPublishDisclosureInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  category: z.enum(DISCLOSURE_CATEGORIES),
  title: z.string().trim().min(4).max(60),
  body: z.string().trim().min(4).max(5000),
  /** Files uploaded first through the file store (images or PDF). */
  attachments: z
    .array(
      z.strictObject({
        fileId: z.string().min(1).max(256),
        name: z.string().trim().min(1).max(80),
        kind: z.enum(['image', 'pdf']),
      }),
    )
    .max(9)
    .default([]),
  /** Defaults to now. */
  visibleFrom: z.iso.datetime({ offset: true }).optional(),
  /** Omit to keep it up until withdrawn. */
  visibleUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const publishDisclosure = defineAction({
  summary: '在公开栏发布党务 / 村务 / 财务公开（可带图片和 PDF，设定公示期）',
  input: ZPublishDisclosureInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertStaff(ctx, communityId);
    const now = ctx.clock.now().toISOString();
    const visibleFrom = input.visibleFrom ? new Date(input.visibleFrom).toISOString() : now;
    const visibleUntil = input.visibleUntil ? new Date(input.visibleUntil).toISOString() : null;
    if (visibleUntil !== null && visibleUntil <= visibleFrom) {
      throw new AppError('INVALID_INPUT', '公示结束时间必须晚于开始时间');
    }
    for (const attachment of input.attachments) {
      await assertOwnUploads(ctx, [attachment.fileId], ATTACHMENT_TYPES, `附件「${attachment.name}」`);
    }
    const disclosure: DisclosureDoc = {
      _id: ctx.newId(),
      communityId,
      category: input.category,
      title: input.title,
      body: input.body,
      attachments: input.attachments,
      visibleFrom,
      visibleUntil,
      source: null,
      publishedBy: ctx.caller.userId,
      publishedByName: await nameOf(ctx.store, ctx.caller.userId),
      createdAt: now,
    };
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(DELIBERATION_COLLECTIONS.disclosures, disclosure);
      await writeAudit(tx, ctx, {
        action: 'deliberation.disclosure.publish',
        communityId,
        target: { collection: DELIBERATION_COLLECTIONS.disclosures, id: disclosure._id },
        details: { category: disclosure.category, attachments: disclosure.attachments.length },
      });
    });
    return disclosureView(disclosure, now);
  },
});
