import { z } from 'zod';
import {
  DELIBERATION_COLLECTIONS,
  type DisclosureDoc,
  type MeetingDoc,
  type OpinionDoc,
  opinionAnswerBy,
  type ProcedureDoc,
} from '../../_core/domain/deliberation/model';
import { holdsIn } from '../../_core/domain/roles';
import { countOpinionChange } from '../../_core/figures/counters';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { nameOf, writeAudit } from '../lib/access';
import { opinionView } from '../lib/views';

export const ZFileOpinionInputSchema = z.strictObject({
  targetKind: z.enum(['meeting', 'procedure', 'disclosure']),
  targetId: z.string().min(1).max(64),
  body: z.string().trim().min(4).max(1000),
});

const TARGET_COLLECTION = {
  meeting: DELIBERATION_COLLECTIONS.meetings,
  procedure: DELIBERATION_COLLECTIONS.procedures,
  disclosure: DELIBERATION_COLLECTIONS.disclosures,
} as const;

/** A 乡贤 supervisor's opinion on a meeting, procedure or disclosure of their community; staff must answer. */
export const fileOpinion = defineAction({
  summary: '乡贤监督员对会议、四议两公开事项或公开内容提出监督意见',
  input: ZFileOpinionInputSchema,
  roles: ['sage'],
  access: { scope: ['supervisor'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const target = await ctx.store.get<MeetingDoc | ProcedureDoc | DisclosureDoc>(
      TARGET_COLLECTION[input.targetKind],
      input.targetId,
    );
    if (!target) throw new AppError('NOT_FOUND', '监督对象不存在');
    if (!holdsIn(ctx.caller, 'sage', target.communityId)) {
      throw new AppError('FORBIDDEN', '只能对本社区的事项提出监督意见');
    }
    const now = ctx.clock.now().toISOString();
    const opinion: OpinionDoc = {
      _id: ctx.newId(),
      communityId: target.communityId,
      authorUserId: ctx.caller.userId,
      authorName: await nameOf(ctx.store, ctx.caller.userId),
      targetKind: input.targetKind,
      targetId: target._id,
      targetTitle: target.title,
      body: input.body,
      status: 'open',
      answer: null,
      answerBy: opinionAnswerBy(now),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(DELIBERATION_COLLECTIONS.opinions, opinion);
      await countOpinionChange(tx, null, opinion);
      await writeAudit(tx, ctx, {
        action: 'deliberation.opinion.file',
        communityId: opinion.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.opinions, id: opinion._id },
        details: { targetKind: opinion.targetKind },
      });
    });
    return opinionView(opinion, now);
  },
});
