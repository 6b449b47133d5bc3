import { z } from 'zod';
import {
  DELIBERATION_COLLECTIONS,
  type MeetingDoc,
  type MeetingStatus,
  type NoticeReadDoc,
} from '../../_core/domain/deliberation/model';
import { defineAction } from '../../_core/runtime/define';
import { assertReader, communityOf } from '../lib/access';
import { meetingSummary } from '../lib/views';

export const ZListNoticesInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

const PUBLIC: MeetingStatus[] = ['published', 'held', 'cancelled'];

/** The 议事公告 list: published meetings, newest first, with this person's unread marks. */
export const listNotices = defineAction({
  summary: '议事公告：已发布的会议（最新在前），含未读标记和未读数',
  input: ZListNoticesInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['deliberation'], writes: false },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertReader(ctx, communityId);
    const filter = { communityId, status: { $in: PUBLIC } };
    const [meetings, total, readCount] = await Promise.all([
      ctx.store.find<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, filter, {
        orderBy: [['publishedAt', 'desc']],
        skip: input.skip,
        limit: input.limit,
      }),
      ctx.store.count(DELIBERATION_COLLECTIONS.meetings, filter),
      ctx.store.count(DELIBERATION_COLLECTIONS.noticeReads, { userId: ctx.caller.userId, communityId }),
    ]);
    const reads = meetings.length
      ? await ctx.store.find<NoticeReadDoc>(
          DELIBERATION_COLLECTIONS.noticeReads,
          { userId: ctx.caller.userId, meetingId: { $in: meetings.map((m) => m._id) } },
          { limit: meetings.length },
        )
      : [];
    const read = new Set(reads.map((r) => r.meetingId));
    return {
      items: meetings.map((m) => meetingSummary(m, { unread: !read.has(m._id) })),
      total,
      // Read markers exist only for notices that were public when opened, and notices never go back to draft.
      unreadCount: Math.max(0, total - readCount),
      hasMore: input.skip + meetings.length < total,
    };
  },
});
