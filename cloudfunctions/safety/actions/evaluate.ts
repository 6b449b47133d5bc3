import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import {
  awardExpiry,
  awardTitle,
  chinaYear,
  SAFETY_COLLECTIONS,
  scoreUnit,
  UNIT_TYPE_LABELS,
} from '../../_core/domain/safety';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import { defineAction } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import {
  gatherEvidence,
  isEvaluable,
  loadCriteria,
  loadUnit,
  requireManager,
  type ScorecardDoc,
  type UnitDoc,
  unitView,
} from '../lib/units';

export const ZId = z.string().min(1).max(64);

export const ZEvaluateInputSchema = z.strictObject({
  unitId: ZId,
  /** Scores of the on-site criteria, each with what the evaluator saw. */
  manual: z
    .array(
      z.strictObject({
        criterionId: z.string().min(1).max(40),
        points: z.number().int().min(0).max(100),
        note: z.string().trim().min(2).max(200),
      }),
    )
    .max(20)
    .default([]),
});

/**
 * Evaluates an application (or re-evaluates an award whose year is over): the evidence is
 * gathered again on the server, the on-site scores are taken from the evaluator, and a new
 * scorecard is saved (earlier ones are kept). A pass awards `<year>年度<type>` until the year's
 * end. The applicant is told either way; audited.
 */
export const evaluate = defineAction({
  summary: '评定平安细胞：生成评分表，达到及格分授予年度称号并通知申请人',
  input: ZEvaluateInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['safety'], writes: true, decides: 'score' },
  handler: async (input, ctx) => {
    const u0 = await loadUnit(ctx, input.unitId);
    requireManager(ctx, u0.communityId);
    // Nobody scores their own application, nor one of an account they proxy.
    await assertNotForSelf(ctx.store, ctx.caller, u0.applicantUserId, '不能评定自己（或自己代办的账号）的申请');
    const now = ctx.clock.now();
    const at = now.toISOString();
    if (!isEvaluable(u0, at)) throw new AppError('CONFLICT', '该申请已评定，称号到期后才能复评');
    const criteria = await loadCriteria(ctx, u0.communityId);
    const onsite = new Set(criteria.criteria.filter((c) => c.rule.kind === 'onsite').map((c) => c.id));
    for (const m of input.manual) {
      const c = criteria.criteria.find((x) => x.id === m.criterionId);
      if (!c || !onsite.has(c.id)) throw new AppError('INVALID_INPUT', '只有实地查看项可以手工评分');
      if (m.points > c.points) throw new AppError('INVALID_INPUT', `“${c.title}”最多 ${c.points} 分`);
    }
    const missing = criteria.criteria.filter(
      (c) => onsite.has(c.id) && !input.manual.some((m) => m.criterionId === c.id),
    );
    if (missing.length > 0)
      throw new AppError('INVALID_INPUT', `请填写实地查看项：${missing.map((c) => c.title).join('、')}`);

    const evidence = await gatherEvidence(ctx, u0, now);
    const card = scoreUnit(criteria.criteria, criteria.passScore, evidence, input.manual);
    const year = chinaYear(now);
    const title = card.passed ? awardTitle(year, u0.type) : null;
    const expiresAt = card.passed ? awardExpiry(year) : null;
    const ids = { card: ctx.newId(), audit: ctx.newId(), message: ctx.newId(), outbox: ctx.newId() };

    return ctx.store.runTransaction(async (tx) => {
      const u = await tx.get<UnitDoc>(SAFETY_COLLECTIONS.units, input.unitId);
      // Re-checked inside the transaction: two staff evaluating at once give one scorecard.
      if (!u || !isEvaluable(u, at) || u.evaluations !== u0.evaluations) {
        throw new AppError('CONFLICT', '该申请刚刚已被评定');
      }
      const scorecard: ScorecardDoc = {
        _id: ids.card,
        unitId: u._id,
        communityId: u.communityId,
        unitType: u.type,
        unitName: u.name,
        year,
        evidenceFrom: evidence.from,
        evidenceTo: evidence.to,
        items: card.items,
        total: card.total,
        max: card.max,
        passScore: card.passScore,
        passed: card.passed,
        title,
        expiresAt,
        evaluatorUserId: ctx.caller.userId,
        evaluatedAt: at,
      };
      await tx.insert(SAFETY_COLLECTIONS.scorecards, scorecard);
      const changes = {
        status: card.passed ? 'awarded' : 'failed',
        evaluatedAt: at,
        scorecardId: scorecard._id,
        score: card.total,
        year: card.passed ? year : null,
        title,
        expiresAt,
        evaluations: u.evaluations + 1,
        updatedAt: at,
      } as const;
      await tx.updateById(SAFETY_COLLECTIONS.units, u._id, { $set: changes });
      await tx.insert(
        AUDIT_COLLECTION,
        auditEntry({
          id: ids.audit,
          at,
          actorUserId: ctx.caller.userId,
          action: 'safety.evaluate',
          communityId: u.communityId,
          target: { collection: SAFETY_COLLECTIONS.units, id: u._id },
          details: {
            scorecardId: scorecard._id,
            total: card.total,
            passScore: card.passScore,
            passed: card.passed,
            year,
          },
        }),
      );
      const label = UNIT_TYPE_LABELS[u.type];
      await deliverMessage(tx, {
        messageId: ids.message,
        outboxId: ids.outbox,
        userId: u.applicantUserId,
        kind: 'general',
        title: card.passed ? `${u.name}获评${title}` : `${u.name}${label}评定未通过`,
        body: card.passed
          ? `评定得分 ${card.total} 分（及格 ${card.passScore} 分），称号有效至 ${year} 年底。`
          : `评定得分 ${card.total} 分，未达到及格分 ${card.passScore} 分，可查看评分表改进后重新申请。`,
        link: `/packages/safety/mine/index?unitId=${u._id}`,
        at,
      });
      return {
        unit: unitView(ctx, { ...u, ...changes }),
        scorecard: { id: scorecard._id, ...card, title, year, expiresAt },
      };
    });
  },
});
