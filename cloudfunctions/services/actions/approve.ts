import { z } from 'zod';
import { pickupCodeFrom } from '../../_core/domain/greencoin';
import { SERVICE_COLLECTIONS, type SealEntryDoc } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { loadApplication, loadItem } from '../lib/access';
import { CLERKS, step, ZId } from '../lib/handle';

export const ZApproveInputSchema = z.strictObject({
  applicationId: ZId,
  note: z.string().trim().max(200).default(''),
});

/** Done: the applicant gets a pickup code; a seal use goes into the seal register. */
export const approve = defineAction({
  summary: '办结（生成领取码；用印事项记入用印登记簿）',
  input: ZApproveInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const code = pickupCodeFrom(ctx.newId());
    const sealId = ctx.newId();
    const item = await loadItem(ctx.store, (await loadApplication(ctx.store, input.applicationId)).itemId);
    return step(ctx, {
      applicationId: input.applicationId,
      step: 'approve',
      note: input.note,
      title: '已办结，请领取',
      body: (a) => `您申请的「${a.itemName}」已办结，请凭领取码 ${code} 到${item.collectAt}领取。`,
      change: (_a, at) => ({ decidedAt: at, decidedBy: ctx.caller.userId, pickupCode: code }),
      also: async (tx, a, at) => {
        if (a.itemKind !== 'seal') return;
        const entry: SealEntryDoc = {
          _id: sealId,
          communityId: a.communityId,
          applicationId: a._id,
          itemName: a.itemName,
          document: a.document ?? '',
          purpose: a.purpose ?? '',
          applicantUserId: a.applicantUserId,
          approvedBy: ctx.caller.userId,
          usedAt: at,
        };
        await tx.insert(SERVICE_COLLECTIONS.seals, entry);
      },
    });
  },
});
