import { z } from 'zod';
import { DELIBERATION_COLLECTIONS, type MeetingDoc } from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { communityOf, oversees } from '../lib/access';
import { meetingSummary } from '../lib/views';

export const ZListMeetingsInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  status: z.enum(['draft', 'published', 'held', 'cancelled']).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** Staff's (and supervisors') list: every meeting, drafts included. */
export const listMeetings = defineAction({
  summary: '会议管理列表（含草稿），工作人员和乡贤监督员可查看',
  input: ZListMeetingsInputSchema,
  roles: ['staff', 'sage', 'admin'],
  access: { scope: ['staff', 'supervisor'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    if (!oversees(ctx, communityId)) throw new AppError('FORBIDDEN', '只有本社区工作人员或乡贤监督员可以查看');
    const filter = input.status ? { communityId, status: input.status } : { communityId };
    const meetings = await ctx.store.find<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, filter, {
      orderBy: [['startsAt', 'desc']],
      skip: input.skip,
      limit: input.limit + 1,
    });
    return {
      items: meetings.slice(0, input.limit).map((m) => meetingSummary(m)),
      hasMore: meetings.length > input.limit,
    };
  },
});
