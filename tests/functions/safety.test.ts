import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwardDoc } from '../../cloudfunctions/_core/domain/greencoin';
import type { VolunteerDoc } from '../../cloudfunctions/_core/domain/timebank';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { report } from './figures.support';

/**
 * 平安细胞 on a hand-built dataset in two fresh grids of 潇湘社区, in 2029 (no demo data there),
 * scored against the default published criteria (pass 80 of 100):
 *
 * grid G1: in the last 12 months 4 closed, 1 in progress, 1 recalled, 1 rejected (+1 closed
 *   before the window) → 5 accepted, 4 closed = 80% → 网格事项办结 20; no hazard → 20.
 * grid G2: nothing filed in the window → 20; one 治安隐患 filed earlier, open and past due → 0.
 * fam1: 600 min volunteering (exactly 10 h) → 15; bonuses 12 + 8 = 20 (a reversed 50 and an
 *   older 30 do not count) → 15; one posted 平安建设 penalty → 0.
 * fam2: 650 min → 15; bonus 25 → 15; an environment penalty only → 10.
 *
 * U1 family in G1 by fam1, on-site 15: 20+20+15+15+0+15 = 85 → awarded.
 * U2 estate in G2 by fam2, on-site 19: 20+0+15+15+10+19 = 79 → failed (one below the line).
 * U3 enterprise in G2 by fam2, on-site 20: 80 → awarded (exactly at the line).
 */
const NOW = new Date('2029-06-15T10:00:00+08:00');
const G1 = 'grid-xiaoxiang-s1';
const G2 = 'grid-xiaoxiang-s2';
const FAM1 = 'wx-safety-fam1';
const FAM2 = 'wx-safety-fam2';
const STAFF_B = 'wx-safety-staff-b';
const OTHER = 'wx-safety-other';

let t: TestRuntime;
let u1: string;
let u2: string;
let u3: string;
let base: { awarded: number; applied: number; failed: number; family: number; expired: number };

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
const userIdOf = async (openid: string) =>
  (await t.runtime.store.get<{ _id: string; userId: string }>('identities', openid))?.userId as string;

async function join(openid: string, communityId: string, gridId: string) {
  const s = t.as(openid);
  await s.ok('identity', 'acceptPrivacy', { version: (await s.ok('identity', 'me', {})).privacy.currentVersion });
  await s.ok('identity', 'joinCommunity', { communityId, gridId });
}

function award(id: string, userId: string, over: Partial<AwardDoc>): AwardDoc {
  return {
    _id: id,
    communityId: DEMO.communityA,
    userId,
    lineId: 'line',
    category: 'publicgood',
    lineText: '参加公益活动',
    kind: 'bonus',
    amount: 10,
    postedAmount: 10,
    note: '',
    status: 'posted',
    makerUserId: 'user-staff',
    checkerUserId: null,
    postingId: null,
    rejectReason: null,
    reversal: null,
    createdAt: new Date('2029-03-01T10:00:00+08:00').toISOString(),
    decidedAt: null,
    ...over,
  };
}

const volunteer = (userId: string, minutes: number): VolunteerDoc => ({
  _id: userId,
  userId,
  communityId: DEMO.communityA,
  realName: '测试',
  skills: [],
  availability: '',
  consentAt: NOW.toISOString(),
  status: 'verified',
  verifiedBy: 'user-staff',
  verifiedAt: NOW.toISOString(),
  confirmedMinutes: minutes,
  activityCount: 3,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
});

beforeAll(async () => {
  t = await startTestRuntime();
  t.clock.set(NOW);
  const store = t.runtime.store;
  await store.insert('grids', { _id: G1, communityId: DEMO.communityA, name: '潇湘测试网格一' });
  await store.insert('grids', { _id: G2, communityId: DEMO.communityA, name: '潇湘测试网格二' });
  await join(FAM1, DEMO.communityA, G1);
  await join(FAM2, DEMO.communityA, G2);
  await join(OTHER, DEMO.communityA, G1);
  await join(STAFF_B, DEMO.communityB, DEMO.gridB1);
  const [fam1, fam2, staffB] = await Promise.all([userIdOf(FAM1), userIdOf(FAM2), userIdOf(STAFF_B)]);
  await t.as('demo-admin').ok('admin', 'role.grant', { userId: staffB, role: 'staff', communityId: DEMO.communityB });

  const inG1 = { gridId: G1 };
  const reports = [
    report('s-r1', { ...inG1, status: 'closed', createdAt: '2028-09-01T09:00:00+08:00' }),
    report('s-r2', { ...inG1, status: 'closed', createdAt: '2028-12-01T09:00:00+08:00' }),
    report('s-r3', { ...inG1, status: 'closed', createdAt: '2029-02-01T09:00:00+08:00' }),
    report('s-r4', { ...inG1, status: 'closed', createdAt: '2029-05-01T09:00:00+08:00' }),
    report('s-r5', {
      ...inG1,
      status: 'in_progress',
      createdAt: '2029-06-10T09:00:00+08:00',
      dueAt: new Date('2029-06-20T09:00:00+08:00').toISOString(),
    }),
    report('s-r6', { ...inG1, status: 'recalled', createdAt: '2029-01-01T09:00:00+08:00' }),
    report('s-r7', { ...inG1, status: 'rejected', createdAt: '2029-01-02T09:00:00+08:00' }),
    report('s-r8', { ...inG1, status: 'closed', createdAt: '2028-06-01T09:00:00+08:00' }),
    report('s-h1', {
      gridId: G2,
      category: 'security',
      status: 'accepted',
      createdAt: '2028-05-01T09:00:00+08:00',
      dueAt: new Date('2028-05-02T09:00:00+08:00').toISOString(),
    }),
  ];
  for (const r of reports) await store.insert('reports', r);
  await store.insert('tb_volunteers', volunteer(fam1, 600));
  await store.insert('tb_volunteers', volunteer(fam2, 650));
  for (const a of [
    award('s-a1', fam1, { postedAmount: 12 }),
    award('s-a2', fam1, { postedAmount: 8 }),
    award('s-a3', fam1, { postedAmount: 50, status: 'reversed' }),
    award('s-a4', fam1, { postedAmount: 30, createdAt: new Date('2028-05-01T10:00:00+08:00').toISOString() }),
    award('s-a5', fam1, { kind: 'penalty', category: 'safety', postedAmount: 5 }),
    award('s-a6', fam2, { postedAmount: 25 }),
    award('s-a7', fam2, { kind: 'penalty', category: 'environment', postedAmount: 3 }),
  ]) {
    await store.insert('gc_awards', a);
  }
  const f = await t.as('demo-staff').ok('admin', 'figures', {
    scope: 'community',
    id: DEMO.communityA,
    from: '2029-01-01T00:00:00+08:00',
    to: '2030-01-01T00:00:00+08:00',
  });
  base = {
    ...f.safety.byStatus,
    family: f.safety.awardedByType.find((x) => x.type === 'family')?.count ?? 0,
  };
});
afterAll(() => t.close());

const unitInput = (over: Record<string, unknown> = {}) => ({
  type: 'family' as const,
  name: '赵家',
  address: '潇湘路 5 号 2 栋 301',
  gridId: G1,
  contactName: '赵先生',
  contactPhone: '13912345678',
  ...over,
});

describe('safety criteria', () => {
  it('are published to residents, with points per criterion and the pass score', async () => {
    const c = await t.as(FAM1).ok('safety', 'criteria', {});
    expect(c.communityName).toBe('潇湘社区');
    expect(c.criteria.map((x) => [x.id, x.points])).toEqual([
      ['grid-resolution', 20],
      ['no-hazards', 20],
      ['volunteer', 15],
      ['greencoin', 15],
      ['no-penalty', 10],
      ['onsite', 20],
    ]);
    expect(c.max).toBe(100);
    expect(c.passScore).toBe(80);
    expect(c.types.map((x) => x.label)).toContain('平安医院');
  });

  it("are published by a community's own staff only, audited", async () => {
    const payload = {
      communityId: DEMO.communityB,
      passScore: 30,
      criteria: [
        { id: 'onsite', title: '实地查看', description: '', points: 40, rule: { kind: 'onsite' as const } },
        {
          id: 'no-hazards',
          title: '无隐患',
          description: '',
          points: 10,
          rule: { kind: 'grid_no_overdue_hazards' as const },
        },
      ],
    };
    expect(code(await t.as('demo-staff').call('safety', 'criteria.save', payload))).toBe('FORBIDDEN');
    expect(code(await t.as(STAFF_B).call('safety', 'criteria.save', { ...payload, passScore: 60 }))).toBe(
      'INVALID_INPUT',
    );
    expect(await t.as(STAFF_B).ok('safety', 'criteria.save', payload)).toEqual({
      communityId: DEMO.communityB,
      passScore: 30,
      max: 50,
    });
    const seen = await t.as('demo-admin').ok('safety', 'criteria', { communityId: DEMO.communityB });
    expect(seen.max).toBe(50);
    const audit = await t.as('demo-admin').ok('admin', 'audit.list', { communityId: DEMO.communityB });
    expect(audit.items.find((i) => i.action === 'safety.criteria.save')?.details).toEqual({
      criteria: 2,
      max: 50,
      passScore: 30,
    });
  });
});

describe('safety applications and evaluation', () => {
  it('a resident applies in their own community; foreign grids and duplicates are refused', async () => {
    const a = await t.as(FAM1).ok('safety', 'apply', unitInput({ name: '孙家' }));
    expect(a).toMatchObject({ status: 'applied', typeLabel: '平安家庭', contactPhone: '13912345678', mine: true });
    u1 = a.id;
    expect(code(await t.as(FAM1).call('safety', 'apply', unitInput({ name: '孙家' })))).toBe('CONFLICT');
    expect(code(await t.as(FAM1).call('safety', 'apply', unitInput({ gridId: DEMO.gridB1 })))).toBe('NOT_FOUND');
    expect(code(await t.as(FAM1).call('safety', 'apply', unitInput({ contactPhone: '123' })))).toBe('INVALID_INPUT');
    u2 = (await t.as(FAM2).ok('safety', 'apply', unitInput({ type: 'estate', name: '潇湘北苑小区', gridId: G2 }))).id;
    u3 = (await t.as(FAM2).ok('safety', 'apply', unitInput({ type: 'enterprise', name: '潇湘物流公司', gridId: G2 })))
      .id;
    const mine = await t.as(FAM2).ok('safety', 'mine', {});
    expect(mine.items.map((i) => i.name).sort()).toEqual(['潇湘北苑小区', '潇湘物流公司']);
    const queue = await t.as('demo-staff').ok('safety', 'queue', { communityId: DEMO.communityA, limit: 50 });
    expect(queue.items.map((i) => i.id)).toEqual(expect.arrayContaining([u1, u2, u3]));
    // Staff see the contact's phone masked.
    expect(queue.items.find((i) => i.id === u1)?.contactPhone).toBe('139****5678');
  });

  it("another community's staff and other residents can neither see nor evaluate", async () => {
    const b = t.as(STAFF_B);
    expect(code(await b.call('safety', 'queue', { communityId: DEMO.communityA }))).toBe('FORBIDDEN');
    expect(code(await b.call('safety', 'preview', { unitId: u1 }))).toBe('FORBIDDEN');
    expect(code(await b.call('safety', 'unit', { unitId: u1 }))).toBe('FORBIDDEN');
    expect(
      code(
        await b.call('safety', 'evaluate', {
          unitId: u1,
          manual: [{ criterionId: 'onsite', points: 20, note: '越权评定' }],
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await t.as(OTHER).call('safety', 'unit', { unitId: u1 }))).toBe('FORBIDDEN');
    expect(code(await t.as(OTHER).call('safety', 'queue', { communityId: DEMO.communityA }))).toBe('FORBIDDEN');
    const fig = await b.call('admin', 'figures', {
      scope: 'community',
      id: DEMO.communityA,
      from: '2029-01-01T00:00:00+08:00',
      to: '2030-01-01T00:00:00+08:00',
    });
    expect(code(fig)).toBe('FORBIDDEN');
  });

  it('the preview shows each point with its reason and evidence from the data (hand-computed)', async () => {
    const p = await t.as('demo-staff').ok('safety', 'preview', { unitId: u1 });
    expect(p.evaluable).toBe(true);
    expect(p.year).toBe(2029);
    const byId = Object.fromEntries(p.items.map((i) => [i.criterionId, i]));
    expect(byId['grid-resolution']).toMatchObject({ points: 20, evidence: { source: 'reports', value: 80 } });
    expect(byId['grid-resolution']?.reason).toBe('近一年所在网格受理 5 件，满意办结 4 件（80%），达到 80%');
    expect(byId['grid-resolution']?.evidence.refs.sort()).toEqual(['s-r1', 's-r2', 's-r3', 's-r4']);
    expect(byId['no-hazards']).toMatchObject({ points: 20, evidence: { value: 0, refs: [] } });
    expect(byId.volunteer).toMatchObject({ points: 15, reason: '申请人累计志愿服务 10 小时，达到 10 小时' });
    expect(byId.greencoin).toMatchObject({ points: 15, evidence: { value: 20 } });
    expect(byId.greencoin?.evidence.refs.sort()).toEqual(['s-a1', 's-a2']);
    expect(byId['no-penalty']).toMatchObject({ points: 0, evidence: { value: 1, refs: ['s-a5'] } });
    expect(byId.onsite).toMatchObject({ points: 0, reason: '尚未实地查看' });
    expect(p.total).toBe(70);

    const p2 = await t.as('demo-staff').ok('safety', 'preview', { unitId: u2 });
    const byId2 = Object.fromEntries(p2.items.map((i) => [i.criterionId, i]));
    expect(byId2['grid-resolution']).toMatchObject({ points: 20, reason: '近一年所在网格没有受理的事项，按达标计' });
    expect(byId2['no-hazards']).toMatchObject({ points: 0, evidence: { value: 1, refs: ['s-h1'] } });
    expect(byId2['no-penalty']?.points).toBe(10);
    expect(p2.total).toBe(60);
  });

  it('evaluation awards the yearly title, keeps the scorecard, audits and tells the applicant', async () => {
    const staff = t.as('demo-staff');
    expect(code(await staff.call('safety', 'evaluate', { unitId: u1, manual: [] }))).toBe('INVALID_INPUT');
    expect(
      code(
        await staff.call('safety', 'evaluate', {
          unitId: u1,
          manual: [{ criterionId: 'onsite', points: 21, note: '超出满分' }],
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      code(
        await staff.call('safety', 'evaluate', {
          unitId: u1,
          manual: [
            { criterionId: 'onsite', points: 10, note: '看过' },
            { criterionId: 'volunteer', points: 15, note: '手工改分' },
          ],
        }),
      ),
    ).toBe('INVALID_INPUT');
    const r = await staff.ok('safety', 'evaluate', {
      unitId: u1,
      manual: [{ criterionId: 'onsite', points: 15, note: '灭火器在有效期内，烟感报警器正常' }],
    });
    expect(r.scorecard).toMatchObject({
      total: 85,
      max: 100,
      passScore: 80,
      passed: true,
      title: '2029年度平安家庭',
      year: 2029,
      expiresAt: '2029-12-31T16:00:00.000Z',
    });
    expect(r.unit.status).toBe('awarded');
    expect(code(await staff.call('safety', 'evaluate', { unitId: u1, manual: [] }))).toBe('CONFLICT');

    const detail = await t.as(FAM1).ok('safety', 'unit', { unitId: u1 });
    expect(detail.scorecards).toHaveLength(1);
    expect(detail.scorecards[0]?.items.find((i) => i.criterionId === 'onsite')?.reason).toBe(
      '实地查看：灭火器在有效期内，烟感报警器正常',
    );
    const fam1 = await userIdOf(FAM1);
    const messages = await t.runtime.store.find<{ _id: string; title: string }>('messages', { userId: fam1 });
    expect(messages.map((m) => m.title)).toContain('孙家获评2029年度平安家庭');
    const audit = await t.as('demo-staff').ok('admin', 'audit.list', { communityId: DEMO.communityA });
    expect(audit.items.find((i) => i.action === 'safety.evaluate' && i.target.id === u1)).toMatchObject({
      details: { total: 85, passed: true, year: 2029 },
    });
  });

  it('passes exactly at the pass score and fails one point below it', async () => {
    const staff = t.as('demo-staff');
    const below = await staff.ok('safety', 'evaluate', {
      unitId: u2,
      manual: [{ criterionId: 'onsite', points: 19, note: '楼道堆放杂物' }],
    });
    expect(below.scorecard).toMatchObject({ total: 79, passed: false, title: null });
    expect(below.unit.status).toBe('failed');
    const at = await staff.ok('safety', 'evaluate', {
      unitId: u3,
      manual: [{ criterionId: 'onsite', points: 20, note: '安全制度齐全' }],
    });
    expect(at.scorecard).toMatchObject({ total: 80, passed: true, title: '2029年度平安企业' });
    const fam2 = await userIdOf(FAM2);
    const messages = await t.runtime.store.find<{ _id: string; title: string }>('messages', { userId: fam2 });
    expect(messages.map((m) => m.title)).toEqual(
      expect.arrayContaining(['潇湘北苑小区平安小区评定未通过', '潇湘物流公司获评2029年度平安企业']),
    );
  });

  it('the public roll lists current titles without personal data; the figures count them', async () => {
    const roll = await t.as(OTHER).ok('safety', 'awarded', { limit: 50 });
    const names = roll.items.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['孙家', '潇湘物流公司']));
    expect(names).not.toContain('潇湘北苑小区');
    expect(JSON.stringify(roll)).not.toMatch(/1391234|赵先生|applicant/);
    const f = await t.as('demo-staff').ok('admin', 'figures', {
      scope: 'community',
      id: DEMO.communityA,
      from: '2029-01-01T00:00:00+08:00',
      to: '2030-01-01T00:00:00+08:00',
    });
    expect(f.safety.byStatus).toEqual({
      // The three applications of this file were all decided.
      applied: base.applied,
      awarded: base.awarded + 2,
      expired: base.expired,
      failed: base.failed + 1,
    });
    expect(f.safety.awardedByType.find((x) => x.type === 'family')?.count).toBe(base.family + 1);
    // The figures CSV carries the same counts.
    const csv = await t.as('demo-staff').ok('admin', 'export', {
      table: 'figures',
      scope: 'community',
      id: DEMO.communityA,
      from: '2029-01-01T00:00:00+08:00',
      to: '2030-01-01T00:00:00+08:00',
    });
    expect(csv.text).toContain(`平安细胞（当前）,已授牌,${base.awarded + 2}`);
    expect(csv.text).toContain(`平安细胞称号,平安家庭,${base.family + 1}`);
    expect(f.safety.awardedByType.find((x) => x.type === 'enterprise')?.count).toBeGreaterThanOrEqual(1);
    const grid = await t.as('demo-staff').ok('admin', 'figures', {
      scope: 'grid',
      id: G2,
      from: '2029-01-01T00:00:00+08:00',
      to: '2030-01-01T00:00:00+08:00',
    });
    expect(grid.safety.byStatus).toEqual({ applied: 0, awarded: 1, expired: 0, failed: 1 });
  });
});

describe('yearly re-evaluation', () => {
  it('titles end with the year; a re-evaluation makes a new scorecard and keeps the old one', async () => {
    // Last minute of 2029 in China: still held.
    t.clock.set(new Date('2029-12-31T23:59:00+08:00'));
    expect((await t.as(OTHER).ok('safety', 'awarded', { limit: 50 })).items.map((i) => i.name)).toContain('孙家');
    t.clock.advance(60_000);
    const roll = await t.as(OTHER).ok('safety', 'awarded', { limit: 50 });
    expect(roll.items.map((i) => i.name)).not.toContain('孙家');
    const due = await t.as('demo-staff').ok('safety', 'queue', { communityId: DEMO.communityA, view: 'due' });
    expect(due.items.map((i) => i.id)).toEqual(expect.arrayContaining([u1, u3]));
    expect((await t.as(FAM1).ok('safety', 'unit', { unitId: u1 })).unit.status).toBe('expired');

    t.clock.advance(30 * 86_400_000);
    const again = await t.as('demo-staff').ok('safety', 'evaluate', {
      unitId: u1,
      manual: [{ criterionId: 'onsite', points: 20, note: '复查合格' }],
    });
    // The window is now 2029-01-30..2030-01-30: s-r1, s-r2, s-r6 and s-r7 fall out, leaving 2 closed
    // of 3 accepted (66.7%) → 0; 0+20+15+15+0+20 = 70 → no title for 2030.
    expect(again.scorecard.items.find((i) => i.criterionId === 'grid-resolution')?.points).toBe(0);
    expect(again.scorecard).toMatchObject({ year: 2030, total: 70, title: null, passed: false });
    const detail = await t.as(FAM1).ok('safety', 'unit', { unitId: u1 });
    expect(detail.scorecards.map((s) => s.year)).toEqual([2030, 2029]);
    expect(detail.unit.status).toBe('failed');
    // The applicant may ask again after a failure, but not while waiting.
    expect((await t.as(FAM1).ok('safety', 'reapply', { unitId: u1 })).status).toBe('applied');
    expect(code(await t.as(FAM1).call('safety', 'reapply', { unitId: u1 }))).toBe('CONFLICT');
    expect(code(await t.as(FAM2).call('safety', 'reapply', { unitId: u1 }))).toBe('NOT_FOUND');
  });
});
