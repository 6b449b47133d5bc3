import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { SERVICE_COLLECTIONS, type SealEntryDoc } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireSealReader } from '../lib/access';
import { ZId } from './figures';

export const ZSealsInputSchema = z.strictObject({
  communityId: ZId.optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The seal register: who asked, for which document and purpose, when, approved by whom. */
export const seals = defineAction({
  summary: '用印登记簿（申请人、文件、用途、时间、批准人），供工作人员和乡贤监督',
  input: ZSealsInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('INVALID_INPUT', '请指定社区');
    requireSealReader(ctx.caller, communityId);
    const rows = await ctx.store.find<SealEntryDoc>(
      SERVICE_COLLECTIONS.seals,
      { communityId },
      {
        orderBy: [
          ['usedAt', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const names = new Map<string, string>();
    const nameOf = async (userId: string) => {
      if (!names.has(userId))
        names.set(userId, (await ctx.store.get<UserDoc>(COLLECTIONS.users, userId))?.nickname ?? '');
      return names.get(userId) ?? '';
    };
    const items = [];
    for (const s of rows.slice(0, input.limit)) {
      items.push({
        id: s._id,
        applicationId: s.applicationId,
        itemName: s.itemName,
        document: s.document,
        purpose: s.purpose,
        applicant: await nameOf(s.applicantUserId),
        approvedBy: await nameOf(s.approvedBy),
        usedAt: s.usedAt,
      });
    }
    return { communityId, items, hasMore: rows.length > input.limit };
  },
});
