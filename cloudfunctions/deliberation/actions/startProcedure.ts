import { z } from 'zod';
import { DISCLOSURE_CATEGORIES } from '../../_core/domain/deliberation/labels';
import { DELIBERATION_COLLECTIONS, type ProcedureDoc } from '../../_core/domain/deliberation/model';
import { applyStep, chinaDate } from '../../_core/domain/deliberation/procedure';
import { defineAction } from '../../_core/runtime/define';
import { decided } from '../../_core/runtime/edge';
import { assertStaff, communityOf, nameOf, writeAudit } from '../lib/access';
import { procedureView } from '../lib/views';

export const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const ZStartProcedureInputSchema = z.strictObject({
  communityId: z.string().min(1).max(64).optional(),
  title: z.string().trim().min(4).max(60),
  summary: z.string().trim().min(10).max(2000),
  category: z.enum(DISCLOSURE_CATEGORIES).default('village'),
  /** The party branch's proposal is the first step, recorded as the procedure starts. */
  heldOn: ZDate,
  note: z.string().trim().min(2).max(1000),
});

export const startProcedure = defineAction({
  summary: '启动四议两公开：登记党组织提议（第一步）',
  input: ZStartProcedureInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['deliberation'], writes: true },
  handler: async (input, ctx) => {
    const communityId = communityOf(ctx, input.communityId);
    assertStaff(ctx, communityId);
    const now = ctx.clock.now();
    const at = now.toISOString();
    const recordedByName = await nameOf(ctx.store, ctx.caller.userId);
    const first = decided(
      applyStep(
        { status: 'in_progress', steps: [] },
        { kind: 'proposal', heldOn: input.heldOn, note: input.note },
        { recordedAt: at, recordedBy: ctx.caller.userId, recordedByName, today: chinaDate(now) },
      ),
    );
    const procedure: ProcedureDoc = {
      _id: ctx.newId(),
      communityId,
      title: input.title,
      summary: input.summary,
      category: input.category,
      status: first.status,
      steps: [first.step],
      createdBy: ctx.caller.userId,
      createdAt: at,
      updatedAt: at,
    };
    await ctx.store.runTransaction(async (tx) => {
      await tx.insert(DELIBERATION_COLLECTIONS.procedures, procedure);
      await writeAudit(tx, ctx, {
        action: 'deliberation.procedure.start',
        communityId,
        target: { collection: DELIBERATION_COLLECTIONS.procedures, id: procedure._id },
      });
    });
    return procedureView(procedure);
  },
});
