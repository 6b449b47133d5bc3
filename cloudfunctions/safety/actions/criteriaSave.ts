import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { COLLECTIONS } from '../../_core/domain/people';
import {
  type CriteriaDoc,
  type Criterion,
  criteriaProblem,
  maxScore,
  SAFETY_COLLECTIONS,
} from '../../_core/domain/safety';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManager } from '../lib/units';
import { ZId } from './criteria';

const ZRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid_resolution'), minPercent: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('grid_no_overdue_hazards') }),
  z.strictObject({ kind: z.literal('volunteer_hours'), minHours: z.number().min(0).max(10_000) }),
  z.strictObject({ kind: z.literal('green_coins'), minCoins: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({ kind: z.literal('no_safety_penalty') }),
  z.strictObject({ kind: z.literal('onsite') }),
]);

export const ZCriteriaSaveInputSchema = z.strictObject({
  communityId: ZId,
  passScore: z.number().int().min(1).max(1000),
  criteria: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .min(1)
          .max(40),
        title: z.string().trim().min(1).max(30),
        description: z.string().trim().max(200),
        points: z.number().int().min(1).max(100),
        rule: ZRule,
      }),
    )
    .min(1)
    .max(20),
});

/** Publishes a community's criteria (staff); applies to evaluations from now on, audited. */
export const criteriaSave = defineAction({
  summary: '发布本社区的平安细胞评定标准',
  input: ZCriteriaSaveInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['safety'], writes: true },
  handler: async (input, ctx) => {
    requireManager(ctx, input.communityId);
    const problem = criteriaProblem(input.criteria as Criterion[], input.passScore);
    if (problem) throw new AppError('INVALID_INPUT', problem);
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    const doc: CriteriaDoc = {
      _id: input.communityId,
      communityId: input.communityId,
      criteria: input.criteria as Criterion[],
      passScore: input.passScore,
      publishedAt: at,
      updatedBy: ctx.caller.userId,
    };
    await ctx.store.runTransaction(async (tx) => {
      if (!(await tx.get(COLLECTIONS.communities, input.communityId))) throw new AppError('NOT_FOUND', '社区不存在');
      const existing = await tx.get<CriteriaDoc>(SAFETY_COLLECTIONS.criteria, input.communityId);
      const { _id, ...rest } = doc;
      if (existing) await tx.updateById(SAFETY_COLLECTIONS.criteria, _id, { $set: rest });
      else await tx.insert(SAFETY_COLLECTIONS.criteria, doc);
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: auditId,
          at,
          actorUserId: ctx.caller.userId,
          action: 'safety.criteria.save',
          communityId: input.communityId,
          target: { collection: SAFETY_COLLECTIONS.criteria, id: input.communityId },
          details: { criteria: input.criteria.length, max: maxScore(input.criteria), passScore: input.passScore },
        }),
      );
    });
    return { communityId: input.communityId, passScore: input.passScore, max: maxScore(input.criteria) };
  },
});
