import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { UserDoc } from '../../cloudfunctions/_core/domain/people';
import { SAGE_STANDARDS } from '../../cloudfunctions/_core/domain/sages';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
const allMet = SAGE_STANDARDS.map((s) => ({ standardId: s.id, met: true }));
const grantsOf = async (userId: string) => ((await t.runtime.store.get<UserDoc>('users', userId)) as UserDoc).grants;
const isSage = async (userId: string) =>
  (await grantsOf(userId)).some((g) => g.role === 'sage' && g.communityId === 'community-xiaoxiang');

const APPLICATION = {
  statement: '我在潇湘社区住了三十年，退休前是中学教师，愿意监督社区财务公开和工程项目。',
  references: [{ name: '李大爷', relation: '老邻居', phone: '13900000001' }],
};

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

describe('journey: a resident applies, is reviewed, appointed by the street, and then files opinions', () => {
  let appId = '';

  it('the standards, procedure and stations are published', async () => {
    const s = await t.as('demo-resident').ok('sages', 'standards', {});
    expect(s.standards.map((x) => x.id)).toEqual(SAGE_STANDARDS.map((x) => x.id));
    expect(s.procedure.length).toBeGreaterThanOrEqual(4);
    expect(s.stations.map((x) => x.name)).toContain('潇湘社区乡贤监督工作站');
  });

  it('a resident applies with a statement and a reference; a second open application is refused', async () => {
    const app = await t.as('demo-resident').ok('sages', 'apply', APPLICATION);
    appId = app.id;
    expect(app.status).toBe('applied');
    expect(code(await t.as('demo-resident').call('sages', 'apply', APPLICATION))).toBe('CONFLICT');
    expect(code(await t.as('demo-resident').call('sages', 'apply', { ...APPLICATION, references: [] }))).toBe(
      'INVALID_INPUT',
    );
    // Reviewers see the reference's phone masked.
    const q = await t.as('demo-staff').ok('sages', 'queue', {});
    expect(q.items.find((i) => i.id === appId)?.references[0]?.phone).toBe('139****0001');
  });

  it('no way around the procedure: the admin cannot grant the role ad hoc, nor decide before the review', async () => {
    expect(
      code(
        await t
          .as('demo-admin')
          .call('admin', 'role.grant', { userId: 'user-resident', role: 'sage', communityId: 'community-xiaoxiang' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await t.as('demo-admin').call('sages', 'decide', {
          applicationId: appId,
          appoint: true,
          decisionNo: '南街发〔2026〕3 号',
          reason: '符合条件',
          stationId: 'station-xiaoxiang',
        }),
      ),
    ).toBe('CONFLICT');
    expect(await isSage('user-resident')).toBe(false);
    // Filing an opinion is still refused.
    expect(
      code(
        await t.as('demo-resident').call('deliberation', 'opinion.file', {
          targetKind: 'procedure',
          targetId: 'procedure-demo-playground',
          body: '请公布比价结果',
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('staff review every standard; an incomplete review is refused; a grid worker or sage cannot review', async () => {
    expect(
      code(
        await t
          .as('demo-staff')
          .call('sages', 'review', { applicationId: appId, checks: allMet.slice(1), note: '逐项审查' }),
      ),
    ).toBe('INVALID_INPUT');
    for (const who of ['demo-gridworker', 'demo-sage', 'demo-resident']) {
      expect(
        code(await t.as(who).call('sages', 'review', { applicationId: appId, checks: allMet, note: '逐项审查' })),
        who,
      ).toBe('FORBIDDEN');
    }
    const reviewed = await t
      .as('demo-staff')
      .ok('sages', 'review', { applicationId: appId, checks: allMet, note: '经走访核实，符合全部条件' });
    expect(reviewed.status).toBe('qualified');
    expect(
      code(await t.as('demo-staff').call('sages', 'review', { applicationId: appId, checks: allMet, note: '再审' })),
    ).toBe('CONFLICT');
    // Staff of the community cannot make the decision: that is the street's.
    expect(
      code(
        await t.as('demo-staff').call('sages', 'decide', {
          applicationId: appId,
          appoint: true,
          decisionNo: 'x1',
          reason: '同意',
          stationId: 'station-xiaoxiang',
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('the street appoints for a term at a station; the role comes with the decision; the resident can now file opinions', async () => {
    expect(
      code(
        await t.as('demo-admin').call('sages', 'decide', {
          applicationId: appId,
          appoint: true,
          decisionNo: '南街发〔2026〕3 号',
          reason: '符合条件',
          stationId: 'station-cuifeng',
        }),
      ),
    ).toBe('NOT_FOUND');
    const decided = await t.as('demo-admin').ok('sages', 'decide', {
      applicationId: appId,
      appoint: true,
      decisionNo: '南街发〔2026〕3 号',
      reason: '资格审查通过，经街道党工委会议研究同意',
      stationId: 'station-xiaoxiang',
      termYears: 3,
    });
    expect(decided.status).toBe('appointed');
    expect(await isSage('user-resident')).toBe(true);
    const mine = await t.as('demo-resident').ok('sages', 'mine', {});
    expect(mine.appointments[0]).toMatchObject({
      station: '潇湘社区乡贤监督工作站',
      decisionNo: '南街发〔2026〕3 号',
      status: 'active',
    });
    expect(
      Date.parse(mine.appointments[0]?.termEnd ?? '') - Date.parse(mine.appointments[0]?.termStart ?? ''),
    ).toBeGreaterThan(3 * 365 * 86_400_000 - 1);
    const opinion = await t.as('demo-resident').call('deliberation', 'opinion.file', {
      targetKind: 'procedure',
      targetId: 'procedure-demo-playground',
      body: '请公布三家供应商的比价结果。',
    });
    expect(code(opinion)).toBe('ok');
    const audit = await t.runtime.store.find<AuditDoc>('audit', { 'target.id': appId }, { limit: 10 });
    expect(audit.map((a) => a.action).sort()).toEqual(['sages.decide', 'sages.review']);
    const messages = await t.runtime.store.find<{ _id: string; userId: string; title: string }>(
      'messages',
      { userId: 'user-resident' },
      { limit: 100 },
    );
    expect(messages.map((m) => m.title)).toEqual(
      expect.arrayContaining(['乡贤申请通过资格审查', '您已被聘任为乡贤监督员']),
    );
    const roster = await t.as('demo-volunteer').ok('sages', 'appointments', {});
    expect(roster.items.map((i) => i.name)).toEqual(expect.arrayContaining(['张阿姨', '刘老先生']));
  });

  it('renewal extends the term with a reason; removal needs a reason and takes the role away', async () => {
    const { appointments } = await t.as('demo-resident').ok('sages', 'mine', {});
    const id = appointments[0]?.id as string;
    const before = appointments[0]?.termEnd as string;
    const renewed = await t
      .as('demo-admin')
      .ok('sages', 'renew', { appointmentId: id, years: 2, reason: '任期内履职良好' });
    expect(renewed.termEnd > before).toBe(true);
    expect(code(await t.as('demo-admin').call('sages', 'remove', { appointmentId: id, reason: '' }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(await t.as('demo-staff').call('sages', 'remove', { appointmentId: id, reason: '不履职' }))).toBe(
      'FORBIDDEN',
    );
    await t.as('demo-admin').ok('sages', 'remove', { appointmentId: id, reason: '连续半年未参加监督活动' });
    expect(await isSage('user-resident')).toBe(false);
    expect(
      code(
        await t.as('demo-resident').call('deliberation', 'opinion.file', {
          targetKind: 'procedure',
          targetId: 'procedure-demo-playground',
          body: '再提一条意见',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await t.as('demo-admin').call('sages', 'renew', { appointmentId: id, reason: '再续' }))).toBe(
      'CONFLICT',
    );
    // The public roster hides the reason; the person and staff see it.
    const publicView = (await t.as('demo-volunteer').ok('sages', 'appointments', {})).items.find((i) => i.id === id);
    expect(publicView).toMatchObject({ status: 'removed', removedReason: null });
    const staffView = (await t.as('demo-staff').ok('sages', 'appointments', {})).items.find((i) => i.id === id);
    expect(staffView?.removedReason).toBe('连续半年未参加监督活动');
  });

  it('whoever reviewed does not also decide', async () => {
    const own = await t.as('demo-gridworker').ok('sages', 'apply', APPLICATION);
    await t.as('demo-admin').ok('sages', 'review', { applicationId: own.id, checks: allMet, note: '街道直接审查' });
    expect(
      code(
        await t.as('demo-admin').call('sages', 'decide', {
          applicationId: own.id,
          appoint: true,
          decisionNo: 'x2',
          reason: '同意',
          stationId: 'station-xiaoxiang',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await isSage('user-gridworker')).toBe(false);
  });

  it('a failed review lets the person apply again; nobody reviews their own application', async () => {
    const app = await t.as('demo-volunteer').ok('sages', 'apply', APPLICATION);
    const failed = await t.as('demo-staff').ok('sages', 'review', {
      applicationId: app.id,
      checks: allMet.map((c) => (c.standardId === 'ability' ? { ...c, met: false } : c)),
      note: '本人表示近两年在外地照顾孙辈，无法履职',
    });
    expect(failed.status).toBe('unqualified');
    await t.as('demo-volunteer').ok('sages', 'apply', APPLICATION);
    const own = await t.as('demo-staff').ok('sages', 'apply', APPLICATION);
    expect(
      code(await t.as('demo-staff').call('sages', 'review', { applicationId: own.id, checks: allMet, note: '本人' })),
    ).toBe('FORBIDDEN');
  });
});
