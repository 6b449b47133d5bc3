import { z } from 'zod';
import { OUTCOME_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { nextMeetingStatus } from '../../_core/domain/deliberation/meetings';
import {
  type CouncilFiguresDoc,
  DELIBERATION_COLLECTIONS,
  type MeetingDoc,
  type Minutes,
  OUTCOME_KEYS,
  type TopicDoc,
} from '../../_core/domain/deliberation/model';
import { countMeetingChange } from '../../_core/figures/counters';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, nameOf, writeAudit } from '../lib/access';

const ZIds = z.array(z.string().min(1).max(64)).max(20).default([]);

export const ZRecordMinutesInputSchema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  attendeeCount: z.number().int().min(0).max(100_000),
  summary: z.string().trim().max(2000).default(''),
  outcomes: z
    .array(
      z.strictObject({
        agendaItemId: z.string().min(1).max(8),
        category: z.enum(OUTCOME_CATEGORIES),
        decision: z.string().trim().min(2).max(500),
        linkedTopicIds: ZIds,
        linkedReportIds: ZIds,
      }),
    )
    .min(1)
    .max(20),
});

/**
 * Minutes close the meeting (published → held) exactly once. Each outcome settles one agenda item
 * and may name the topics it answered (they show where they were settled) and the reports it dealt
 * with (ids kept as given: the reports context owns them).
 */
export const recordMinutes = defineAction({
  summary: '记录会议纪要：实到人数、各议程的议定结果（分类、关联议题和随手拍事项）',
  input: ZRecordMinutesInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const recordedByName = await nameOf(ctx.store, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const meeting = await tx.get<MeetingDoc>(DELIBERATION_COLLECTIONS.meetings, input.meetingId);
      if (!meeting) throw new AppError('NOT_FOUND', '会议不存在');
      assertStaff(ctx, meeting.communityId);
      const { status } = decided(nextMeetingStatus(meeting.status, 'recordMinutes'));
      const now = ctx.clock.now().toISOString();
      if (now < meeting.startsAt) throw new AppError('CONFLICT', '会议开始后才能记录纪要');
      const agendaIds = new Set(meeting.agenda.map((a) => a.id));
      const seen = new Set<string>();
      for (const outcome of input.outcomes) {
        if (!agendaIds.has(outcome.agendaItemId)) throw new AppError('INVALID_INPUT', '议定结果对应的议程不存在');
        if (seen.has(outcome.agendaItemId)) throw new AppError('INVALID_INPUT', '同一议程只能记录一条议定结果');
        seen.add(outcome.agendaItemId);
      }
      const topics: TopicDoc[] = [];
      for (const topicId of new Set(input.outcomes.flatMap((o) => o.linkedTopicIds))) {
        const topic = await tx.get<TopicDoc>(DELIBERATION_COLLECTIONS.topics, topicId);
        if (!topic || topic.communityId !== meeting.communityId) {
          throw new AppError('INVALID_INPUT', `关联的议题不存在：${topicId}`);
        }
        topics.push(topic);
      }
      const minutes: Minutes = {
        attendeeCount: input.attendeeCount,
        checkedInCount: meeting.checkedInCount,
        summary: input.summary,
        outcomes: input.outcomes,
        recordedAt: now,
        recordedBy: ctx.caller.userId,
        recordedByName,
      };
      await tx.updateById(DELIBERATION_COLLECTIONS.meetings, meeting._id, {
        $set: { status, minutes, checkInCode: null, updatedAt: now },
      });
      await countMeetingChange(tx, meeting, { ...meeting, status, minutes });
      for (const topic of topics) {
        const outcome = input.outcomes.find((o) => o.linkedTopicIds.includes(topic._id));
        await tx.updateById(DELIBERATION_COLLECTIONS.topics, topic._id, {
          $set: {
            settledIn: { meetingId: meeting._id, meetingTitle: meeting.title, decision: outcome?.decision ?? '' },
            updatedAt: now,
          },
        });
      }
      const counts = { publicService: 0, supervision: 0, infrastructure: 0 };
      for (const outcome of input.outcomes) counts[OUTCOME_KEYS[outcome.category]] += 1;
      const figures = await tx.get<CouncilFiguresDoc>(DELIBERATION_COLLECTIONS.figures, meeting.communityId);
      if (figures) {
        await tx.updateById(DELIBERATION_COLLECTIONS.figures, figures._id, {
          $inc: {
            meetingsHeld: 1,
            attendees: input.attendeeCount,
            'outcomes.publicService': counts.publicService,
            'outcomes.supervision': counts.supervision,
            'outcomes.infrastructure': counts.infrastructure,
          },
          $set: { updatedAt: now },
        });
      } else {
        await tx.insert<CouncilFiguresDoc>(DELIBERATION_COLLECTIONS.figures, {
          _id: meeting.communityId,
          meetingsHeld: 1,
          attendees: input.attendeeCount,
          outcomes: counts,
          updatedAt: now,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'deliberation.meeting.recordMinutes',
        communityId: meeting.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.meetings, id: meeting._id },
        details: { attendeeCount: input.attendeeCount, outcomes: input.outcomes.length },
      });
      return { meetingId: meeting._id, status, minutes };
    });
  },
});
