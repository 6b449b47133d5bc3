import { type Decision, refuse } from '../decision';
import { PROCEDURE_STEP_LABELS, PROCEDURE_STEPS, type ProcedureStepKind } from './labels';
import type { ProcedureDoc, ProcedureStatus, ProcedureStep, VoteRecord } from './model';

/**
 * 四议两公开 as a strict sequence. Rules for the votes:
 * - party members' meeting: quorum when at least 2/3 of the members are present; passes when more
 *   than half of those present approve;
 * - villagers' representatives' meeting: quorum at least 2/3 of the representatives (村民委员会组织法
 *   第二十六条), more than half of those present approve;
 * - villagers' meeting: quorum more than half of the adult villagers (第二十二条), more than half of
 *   those present approve.
 * A vote that fails its quorum or majority ends the procedure as rejected: the record stays, and a
 * new attempt starts a new procedure from the party branch's proposal (so every attempt is visible).
 * All comparisons are in integers: no rounding at the boundaries.
 */
export type VoteBody = 'party' | 'villagers' | 'representatives';

export function quorumMet(body: VoteBody, total: number, present: number): boolean {
  if (body === 'villagers') return present * 2 > total;
  return present * 3 >= total * 2;
}

export function majorityMet(present: number, approve: number): boolean {
  return approve * 2 > present;
}

export function tallyVote(
  body: VoteBody,
  input: { total: number; present: number; approve: number },
): Decision<{ vote: VoteRecord }> {
  const { total, present, approve } = input;
  if (present > total) return refuse('INVALID_INPUT', '到会人数不能超过应到人数');
  if (approve > present) return refuse('INVALID_INPUT', '赞成人数不能超过到会人数');
  const quorum = quorumMet(body, total, present);
  return {
    ok: true,
    vote: { total, present, approve, quorumMet: quorum, majorityMet: quorum && majorityMet(present, approve) },
  };
}

/** The step that must be recorded next, or null when the procedure is over. */
export function expectedStep(procedure: Pick<ProcedureDoc, 'status' | 'steps'>): ProcedureStepKind | null {
  if (procedure.status !== 'in_progress') return null;
  return PROCEDURE_STEPS[procedure.steps.length] ?? null;
}

export interface StepInput {
  kind: ProcedureStepKind;
  heldOn: string;
  note: string;
  body?: 'villagers' | 'representatives';
  vote?: { total: number; present: number; approve: number };
}

/**
 * Checks a step against the sequence and the vote rules: decides the step to append and the
 * procedure's status afterwards, or refuses (CONFLICT out of order, INVALID_INPUT bad dates/counts).
 */
export function applyStep(
  procedure: Pick<ProcedureDoc, 'status' | 'steps'>,
  input: StepInput,
  meta: { recordedAt: string; recordedBy: string; recordedByName: string; today: string },
): Decision<{ step: ProcedureStep; status: ProcedureStatus }> {
  const expected = expectedStep(procedure);
  if (expected === null) return refuse('CONFLICT', '该事项的程序已结束，不能再记录');
  if (input.kind !== expected) {
    return refuse(
      'CONFLICT',
      `请按顺序办理：下一步应为「${PROCEDURE_STEP_LABELS[expected]}」，不能记录「${PROCEDURE_STEP_LABELS[input.kind]}」`,
    );
  }
  if (input.heldOn > meta.today) return refuse('INVALID_INPUT', '办理日期不能晚于今天');
  const previous = procedure.steps.at(-1);
  if (previous && input.heldOn < previous.heldOn) {
    return refuse('INVALID_INPUT', `办理日期不能早于上一步（${previous.heldOn}）`);
  }
  const base = {
    kind: input.kind,
    heldOn: input.heldOn,
    note: input.note,
    recordedAt: meta.recordedAt,
    recordedBy: meta.recordedBy,
    recordedByName: meta.recordedByName,
  };
  if (input.kind === 'party_review' || input.kind === 'villagers_decision') {
    if (!input.vote) return refuse('INVALID_INPUT', '请填写应到、实到和赞成人数');
    const body: VoteBody = input.kind === 'party_review' ? 'party' : (input.body ?? 'representatives');
    const tally = tallyVote(body, input.vote);
    if (!tally.ok) return tally;
    const { vote } = tally;
    const passed = vote.quorumMet && vote.majorityMet;
    const step: ProcedureStep = {
      ...base,
      vote,
      passed,
      ...(input.kind === 'villagers_decision' ? { body: body as 'villagers' | 'representatives' } : {}),
    };
    return { ok: true, step, status: passed ? 'in_progress' : 'rejected' };
  }
  if (input.vote || input.body) return refuse('INVALID_INPUT', '这一步不需要表决人数');
  const last = input.kind === PROCEDURE_STEPS[PROCEDURE_STEPS.length - 1];
  return { ok: true, step: { ...base, passed: true }, status: last ? 'completed' : 'in_progress' };
}

/** The date (YYYY-MM-DD) in China Standard Time, which is what people mean by "today" here. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
