import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { claimCodeFrom, TIP_COLLECTIONS, TIP_SCHEMES, type TipDoc } from '../../_core/domain/tips';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { StoreError } from '../../_core/store/docstore';
import { assertFiles } from '../../services/lib/access';
import { hashClaimCode, tipsterView } from '../lib/access';
import { takeTicketPhotos, ZTicket } from '../lib/photos';

export const ZSubmitInputSchema = z.strictObject({
  scheme: z.enum(TIP_SCHEMES),
  content: z.string().trim().min(10).max(1000),
  place: z.string().trim().max(100).default(''),
  photos: z.array(z.string().min(1).max(300)).max(6).default([]),
  anonymous: z.boolean(),
  /** Anonymous tips only: the ticket the photos were uploaded with (tips.photo.ticket / photo.part). */
  photoTicket: ZTicket.optional(),
  /** Client-made: a retried tap answers CONFLICT instead of filing the tip twice. */
  key: z.string().min(8).max(64),
});

/**
 * A tip reaches only the scheme's officers. An anonymous tip keeps nothing that leads back to
 * the sender: no user id, no idempotency record under their id (its id comes from the client's
 * key alone), photos only through an anonymous ticket (actions/photos.ts: stored without their
 * uploader), and only a hash of the claim code, which the sender alone sees, once.
 */
export const submit = defineAction({
  summary: '提交举报线索或见义勇为事迹（可匿名，匿名的凭领取码查询和领奖）',
  input: ZSubmitInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['tips'], writes: true },
  handler: async (input, ctx) => {
    const communityId = ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    if (input.anonymous && input.photos.length > 0 && !input.photoTicket) {
      // An ordinary upload records its uploader: anonymous photos come through a ticket instead.
      throw new AppError('INVALID_INPUT', '匿名举报的照片须通过匿名上传，请重新选择照片');
    }
    if (!input.anonymous && input.photoTicket) {
      throw new AppError('INVALID_INPUT', '实名举报请直接上传照片');
    }
    // Anonymous photos are checked against their ticket, inside the transaction below.
    if (!input.photoTicket) await assertFiles(ctx, input.photos);
    const at = ctx.clock.now().toISOString();
    const id = createHash('sha256').update(`tip:${input.key}`).digest('hex').slice(0, 24);
    const claimCode = input.anonymous ? claimCodeFrom(randomBytes(12)) : null;
    const tip: TipDoc = {
      _id: id,
      scheme: input.scheme,
      communityId,
      content: input.content,
      place: input.place,
      photos: input.photos,
      anonymous: input.anonymous,
      tipsterUserId: input.anonymous ? null : ctx.caller.userId,
      claimHash: claimCode ? hashClaimCode(claimCode) : null,
      status: 'received',
      levelId: null,
      reward: 0,
      gradeNote: '',
      gradedBy: null,
      gradedAt: null,
      approvedBy: null,
      approvedAt: null,
      postingId: null,
      paidOutAt: null,
      paidOutBy: null,
      returnedReason: null,
      submittedAt: at,
      updatedAt: at,
    };
    const photoTicket = input.photoTicket;
    let dropped: string[] = [];
    try {
      dropped = await ctx.store.runTransaction(async (tx) => {
        if (await tx.get(TIP_COLLECTIONS.tips, id)) throw new AppError('CONFLICT', '该举报已提交，请勿重复提交');
        // The ticket's photos move onto the tip and the ticket goes: only the tip leads to them now.
        const taken = photoTicket ? await takeTicketPhotos(tx, photoTicket, at, input.photos) : null;
        await tx.insert(TIP_COLLECTIONS.tips, { ...tip, photos: taken ? taken.kept : tip.photos });
        return taken?.dropped ?? [];
      });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'DUPLICATE_KEY') {
        throw new AppError('CONFLICT', '该举报已提交，请勿重复提交');
      }
      throw error;
    }
    // Photos taken off the form before sending: nothing points at them any more.
    for (const fileId of dropped) await ctx.files.remove(fileId);
    return { tip: tipsterView(tip), claimCode };
  },
});
