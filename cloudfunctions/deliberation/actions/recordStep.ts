import { z } from 'zod';
import { PROCEDURE_STEPS } from '../../_core/domain/deliberation/labels';
import {
  DELIBERATION_COLLECTIONS,
  type DisclosureDoc,
  type ProcedureDoc,
  type ProcedureStep,
} from '../../_core/domain/deliberation/model';
import { applyStep, chinaDate } from '../../_core/domain/deliberation/procedure';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { AppError } from '../../_core/runtime/errors';
import { assertStaff, nameOf, writeAudit } from '../lib/access';
import { procedureView } from '../lib/views';
import { ZDate } from './startProcedure';

const ZHeadcount = z.number().int().min(0).max(1_000_000);

export const ZRecordStepInputSchema = z.strictObject({
  procedureId: z.string().min(1).max(64),
  kind: z.enum(PROCEDURE_STEPS),
  heldOn: ZDate,
  note: z.string().trim().min(2).max(2000),
  /** Villagers' decision only: the whole villagers' meeting or the representatives' meeting. */
  body: z.enum(['villagers', 'representatives']).optional(),
  /** The two votes only: entitled, present and approving headcounts. */
  vote: z.strictObject({ total: ZHeadcount.min(1), present: ZHeadcount, approve: ZHeadcount }).optional(),
});

function voteLine(step: ProcedureStep | undefined): string {
  if (!step?.vote) return '';
  const who = step.body === 'villagers' ? '村（居）民会议' : '村（居）民代表会议';
  return `${who}于 ${step.heldOn} 表决：应到 ${step.vote.total} 人，实到 ${step.vote.present} 人，赞成 ${step.vote.approve} 人。`;
}

/**
 * Records the next step, strictly in order (CONFLICT otherwise, including a second recording of
 * the same step). The two 公开 steps publish to the disclosure board in the same transaction.
 */
export const recordStep = defineAction({
  summary: '按顺序登记四议两公开的下一步（表决步骤须填应到、实到、赞成人数；公开步骤自动上公开栏）',
  input: ZRecordStepInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const recordedByName = await nameOf(ctx.store, ctx.caller.userId);
    return ctx.store.runTransaction(async (tx) => {
      const procedure = await tx.get<ProcedureDoc>(DELIBERATION_COLLECTIONS.procedures, input.procedureId);
      if (!procedure) throw new AppError('NOT_FOUND', '事项不存在');
      assertStaff(ctx, procedure.communityId);
      const now = ctx.clock.now();
      const at = now.toISOString();
      const { step, status } = decided(
        applyStep(procedure, input, {
          recordedAt: at,
          recordedBy: ctx.caller.userId,
          recordedByName,
          today: chinaDate(now),
        }),
      );
      if (step.kind === 'resolution_published' || step.kind === 'result_published') {
        const decision = procedure.steps.find((s) => s.kind === 'villagers_decision');
        const disclosure: DisclosureDoc = {
          _id: ctx.newId(),
          communityId: procedure.communityId,
          category: procedure.category,
          title: `${step.kind === 'resolution_published' ? '【决议公开】' : '【实施结果公开】'}${procedure.title}`,
          body:
            step.kind === 'resolution_published'
              ? `${procedure.summary}\n\n决议：${step.note}\n\n${voteLine(decision)}`
              : `实施结果：${step.note}`,
          attachments: [],
          visibleFrom: at,
          visibleUntil: null,
          source: { kind: 'procedure', procedureId: procedure._id, step: step.kind },
          publishedBy: ctx.caller.userId,
          publishedByName: recordedByName,
          createdAt: at,
        };
        await tx.insert(DELIBERATION_COLLECTIONS.disclosures, disclosure);
        step.disclosureId = disclosure._id;
      }
      const steps = [...procedure.steps, step];
      await tx.updateById(DELIBERATION_COLLECTIONS.procedures, procedure._id, {
        $set: { steps, status, updatedAt: at },
      });
      await writeAudit(tx, ctx, {
        action: 'deliberation.procedure.record',
        communityId: procedure.communityId,
        target: { collection: DELIBERATION_COLLECTIONS.procedures, id: procedure._id },
        details: { step: step.kind, passed: step.passed, status },
      });
      return procedureView({ ...procedure, steps, status, updatedAt: at });
    });
  },
});
