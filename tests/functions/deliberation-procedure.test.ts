import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refuse } from '../../cloudfunctions/_core/domain/decision';
import type { ProcedureStep } from '../../cloudfunctions/_core/domain/deliberation/model';
import {
  applyStep,
  expectedStep,
  majorityMet,
  quorumMet,
  tallyVote,
} from '../../cloudfunctions/_core/domain/deliberation/procedure';
import { decided } from '../../cloudfunctions/_core/runtime/edge';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('四议两公开 vote rules at their boundaries (pure domain)', () => {
  it('party members: 2/3 of 30 present (20) is a quorum, 19 is not', () => {
    expect(quorumMet('party', 30, 20)).toBe(true);
    expect(quorumMet('party', 30, 19)).toBe(false);
    // 2/3 of 31 is 20.67: 21 is needed, with no rounding down.
    expect(quorumMet('party', 31, 20)).toBe(false);
    expect(quorumMet('party', 31, 21)).toBe(true);
  });

  it('representatives need 2/3; a villagers meeting needs more than half', () => {
    expect(quorumMet('representatives', 45, 30)).toBe(true);
    expect(quorumMet('representatives', 45, 29)).toBe(false);
    expect(quorumMet('villagers', 600, 300)).toBe(false);
    expect(quorumMet('villagers', 600, 301)).toBe(true);
  });

  it('exactly half approving fails, half plus one passes', () => {
    expect(majorityMet(20, 10)).toBe(false);
    expect(majorityMet(20, 11)).toBe(true);
    expect(majorityMet(21, 10)).toBe(false);
    expect(majorityMet(21, 11)).toBe(true);
  });

  it('no majority counts without a quorum, and impossible counts are refused', () => {
    expect(tallyVote('party', { total: 30, present: 19, approve: 19 })).toMatchObject({
      ok: true,
      vote: { quorumMet: false, majorityMet: false },
    });
    expect(tallyVote('party', { total: 30, present: 31, approve: 1 })).toEqual(
      refuse('INVALID_INPUT', '到会人数不能超过应到人数'),
    );
    expect(tallyVote('party', { total: 30, present: 20, approve: 21 })).toEqual(
      refuse('INVALID_INPUT', '赞成人数不能超过到会人数'),
    );
  });

  it('steps go in order only and end the procedure when a vote fails', () => {
    const meta = {
      recordedAt: '2026-01-05T01:00:00.000Z',
      recordedBy: 'u',
      recordedByName: '陈书记',
      today: '2026-01-05',
    };
    let state = { status: 'in_progress' as const, steps: [] as ProcedureStep[] };
    expect(expectedStep(state)).toBe('proposal');
    expect(applyStep(state, { kind: 'committees', heldOn: '2026-01-01', note: '商议' }, meta)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringMatching(/下一步应为「党组织提议」/),
    });
    const first = decided(applyStep(state, { kind: 'proposal', heldOn: '2026-01-01', note: '提议' }, meta));
    state = { status: 'in_progress', steps: [first.step] };
    expect(applyStep(state, { kind: 'committees', heldOn: '2025-12-31', note: '商议' }, meta)).toEqual(
      refuse('INVALID_INPUT', '办理日期不能早于上一步（2026-01-01）'),
    );
    expect(applyStep(state, { kind: 'committees', heldOn: '2026-01-06', note: '商议' }, meta)).toEqual(
      refuse('INVALID_INPUT', '办理日期不能晚于今天'),
    );
    // At the edge a refusal becomes the gateway's error, code and sentence unchanged.
    expect(() => decided(applyStep(state, { kind: 'committees', heldOn: '2026-01-06', note: '商议' }, meta))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: '办理日期不能晚于今天' }),
    );
    const second = decided(applyStep(state, { kind: 'committees', heldOn: '2026-01-02', note: '商议' }, meta));
    state = { status: 'in_progress', steps: [first.step, second.step] };
    const failed = decided(
      applyStep(
        state,
        { kind: 'party_review', heldOn: '2026-01-03', note: '审议', vote: { total: 30, present: 20, approve: 10 } },
        meta,
      ),
    );
    expect(failed.status).toBe('rejected');
    expect(failed.step.passed).toBe(false);
    expect(expectedStep({ status: failed.status, steps: [...state.steps, failed.step] })).toBeNull();
  });
});

describe('四议两公开 through the deliberation function', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const start = () =>
    t.as('demo-staff').ok('deliberation', 'procedure.start', {
      title: '村集体荒地流转承包',
      summary: '拟将村东 30 亩荒地流转给合作社种植茶叶，租金归村集体。',
      category: 'village',
      heldOn: '2026-01-02',
      note: '党支部会议提议流转村东荒地',
    });

  it('runs all six steps in order, signed and dated, and publishes the decision and result by itself', async () => {
    const staff = t.as('demo-staff');
    const procedure = await start();
    expect(procedure.steps).toHaveLength(1);
    expect(procedure.steps[0]).toMatchObject({ kind: 'proposal', heldOn: '2026-01-02', recordedByName: '陈书记' });
    expect(procedure.nextStep).toBe('committees');

    await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'committees',
      heldOn: '2026-01-03',
      note: '支委会、村委会联席会议商议通过',
    });
    await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'party_review',
      heldOn: '2026-01-04',
      note: '党员大会审议',
      vote: { total: 30, present: 20, approve: 11 },
    });
    const decided = await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'villagers_decision',
      heldOn: '2026-01-05',
      note: '村民代表会议表决',
      body: 'representatives',
      vote: { total: 45, present: 30, approve: 16 },
    });
    expect(decided.steps.at(-1)?.vote).toEqual({
      total: 45,
      present: 30,
      approve: 16,
      quorumMet: true,
      majorityMet: true,
    });

    const resident = t.as('demo-resident');
    const before = await resident.ok('deliberation', 'disclosure.list', { category: 'village' });
    expect(before.items.some((d) => d.source?.procedureId === procedure.id)).toBe(false);

    const resolved = await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'resolution_published',
      heldOn: '2026-01-05',
      note: '同意流转，期限 10 年，年租金 3 万元',
    });
    t.clock.advance(24 * 3600 * 1000);
    const done = await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'result_published',
      heldOn: '2026-01-06',
      note: '合同已签订，首年租金已入村集体账户',
    });
    expect(done.status).toBe('completed');
    expect(done.nextStep).toBeNull();
    expect(done.steps.map((s) => s.kind)).toEqual([
      'proposal',
      'committees',
      'party_review',
      'villagers_decision',
      'resolution_published',
      'result_published',
    ]);
    expect(resolved.steps.at(-1)?.disclosureId).toBeTruthy();

    const board = await resident.ok('deliberation', 'disclosure.list', { category: 'village' });
    const published = board.items.filter((d) => d.source?.procedureId === procedure.id);
    expect(published.map((d) => d.title)).toEqual([
      '【实施结果公开】村集体荒地流转承包',
      '【决议公开】村集体荒地流转承包',
    ]);
    const resolution = published[1];
    expect(resolution?.body).toContain('应到 45 人，实到 30 人，赞成 16 人');

    const timeline = await resident.ok('deliberation', 'procedure.get', { procedureId: procedure.id });
    expect(timeline.canManage).toBe(false);
    expect(timeline.steps.every((s) => s.recordedByName === '陈书记' && /^\d{4}-\d{2}-\d{2}$/.test(s.heldOn))).toBe(
      true,
    );

    const audit = await t.runtime.store.find<{ _id: string; action: string; target: { id: string } }>('audit', {
      'target.id': procedure.id,
    });
    expect(audit.map((a) => a.action).filter((a) => a === 'deliberation.procedure.record')).toHaveLength(5);
  });

  it('refuses a skipped step, a repeated step and a step after the end with CONFLICT', async () => {
    const staff = t.as('demo-staff');
    const procedure = await start();
    const skipped = await staff.call('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'party_review',
      heldOn: '2026-01-04',
      note: '跳过两委商议',
      vote: { total: 30, present: 30, approve: 30 },
    });
    expect(skipped.ok === false && skipped.error.code).toBe('CONFLICT');
    const repeated = await staff.call('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'proposal',
      heldOn: '2026-01-04',
      note: '再次提议',
    });
    expect(repeated.ok === false && repeated.error.code).toBe('CONFLICT');

    // Two staff sessions recording the same step at once: exactly one wins.
    const racing = await Promise.all(
      [1, 2].map(() =>
        staff.call('deliberation', 'procedure.record', {
          procedureId: procedure.id,
          kind: 'committees',
          heldOn: '2026-01-03',
          note: '两委商议',
        }),
      ),
    );
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
    const again = await staff.ok('deliberation', 'procedure.get', { procedureId: procedure.id });
    expect(again.steps).toHaveLength(2);
  });

  it('a party review with 19 of 30 present stops the procedure as rejected; nothing is published', async () => {
    const staff = t.as('demo-staff');
    const procedure = await start();
    await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'committees',
      heldOn: '2026-01-03',
      note: '两委商议',
    });
    const rejected = await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'party_review',
      heldOn: '2026-01-04',
      note: '党员大会审议',
      vote: { total: 30, present: 19, approve: 19 },
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.steps.at(-1)).toMatchObject({ passed: false, vote: { quorumMet: false } });
    const after = await staff.call('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'villagers_decision',
      heldOn: '2026-01-05',
      note: '继续表决',
      body: 'villagers',
      vote: { total: 600, present: 400, approve: 400 },
    });
    expect(after.ok === false && after.error.code).toBe('CONFLICT');
  });

  it('a villagers decision where exactly half approve is rejected', async () => {
    const staff = t.as('demo-staff');
    const procedure = await start();
    for (const [kind, heldOn, vote] of [
      ['committees', '2026-01-03', undefined],
      ['party_review', '2026-01-04', { total: 30, present: 20, approve: 11 }],
    ] as const) {
      await staff.ok('deliberation', 'procedure.record', {
        procedureId: procedure.id,
        kind,
        heldOn,
        note: '记录',
        vote,
      });
    }
    const half = await staff.ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'villagers_decision',
      heldOn: '2026-01-05',
      note: '村民会议表决',
      body: 'villagers',
      vote: { total: 600, present: 400, approve: 200 },
    });
    expect(half.status).toBe('rejected');
    expect(half.steps.at(-1)?.vote).toMatchObject({ quorumMet: true, majorityMet: false });
  });

  it('a vote step without headcounts is invalid input; staff of another community are refused', async () => {
    const procedure = await start();
    await t.as('demo-staff').ok('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'committees',
      heldOn: '2026-01-03',
      note: '两委商议',
    });
    const noVote = await t.as('demo-staff').call('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'party_review',
      heldOn: '2026-01-04',
      note: '审议',
    });
    expect(noVote.ok === false && noVote.error.code).toBe('INVALID_INPUT');
    await t.runtime.store.insert('users', {
      _id: 'user-staff-b',
      nickname: '翠峰社工',
      communityId: 'community-cuifeng',
      grants: [{ role: 'staff', communityId: 'community-cuifeng' }],
      privacy: { version: '2026-11-01', acceptedAt: '2026-01-01T00:00:00.000Z' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await t.runtime.store.insert('identities', { _id: 'staff-b', userId: 'user-staff-b' });
    const foreign = await t.as('staff-b').call('deliberation', 'procedure.record', {
      procedureId: procedure.id,
      kind: 'party_review',
      heldOn: '2026-01-04',
      note: '审议',
      vote: { total: 30, present: 30, approve: 30 },
    });
    expect(foreign.ok === false && foreign.error.code).toBe('FORBIDDEN');
  });
});
