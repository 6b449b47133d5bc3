import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { UserDoc } from '../../cloudfunctions/_core/domain/people';
import type { AppointmentDoc } from '../../cloudfunctions/_core/domain/sages';
import { SCHEDULED_JOBS, startScheduler } from '../../local/scheduler';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const DAY = 86_400_000;
let t: TestRuntime;
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
const isSage = async (userId: string) =>
  ((await t.runtime.store.get<UserDoc>('users', userId)) as UserDoc).grants.some(
    (g) => g.role === 'sage' && g.communityId === 'community-xiaoxiang',
  );
const appointment = async () =>
  (await t.runtime.store.get<AppointmentDoc>('sage_appointments', 'appointment-demo-sage')) as AppointmentDoc;
const titles = async (userId: string) =>
  (
    await t.runtime.store.find<{ _id: string; title: string; body: string }>('messages', { userId }, { limit: 200 })
  ).map((m) => m.title);
const count = (list: string[], title: string) => list.filter((x) => x === title).length;
/** The platform's timer: the mark the scheduler and CloudBase give, not the body, makes it the system's. */
const timer = () =>
  t.runtime.invoke('sages', { Type: 'Timer', TriggerName: 'sageTerms' }, null, { trigger: 'timer' }) as Promise<{
    ok: boolean;
    data?: { expired: number; warned: number };
  }>;
/** "2029-06-30": a China day `days` from now. */
const chinaDayIn = (days: number) =>
  new Date(t.clock.now().getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

describe('the 乡贤 term is enforced by a timer sweep', () => {
  it('nothing happens while the end is more than 30 days away', async () => {
    expect(await timer()).toMatchObject({ ok: true, data: { expired: 0, warned: 0 } });
    expect(await titles('user-sage')).not.toContain('乡贤监督员任期即将届满');
  });

  it('30 days before the end the person and the community staff are told, once', async () => {
    const end = Date.parse((await appointment()).termEnd);
    t.clock.advance(end - t.clock.now().getTime() - 29 * DAY);
    expect(await timer()).toMatchObject({ ok: true, data: { warned: 1, expired: 0 } });
    expect(await timer()).toMatchObject({ ok: true, data: { warned: 0, expired: 0 } });
    expect(count(await titles('user-sage'), '乡贤监督员任期即将届满')).toBe(1);
    expect(count(await titles('user-staff'), '乡贤监督员任期即将届满')).toBe(1);
    // Only the community's staff: not its grid worker, not another community's admin.
    expect(await titles('user-gridworker')).not.toContain('乡贤监督员任期即将届满');
    // The end reads in words, as the pages write dates, not as an ISO day.
    const [warning] = await t.runtime.store.find<{ _id: string; body: string }>(
      'messages',
      { userId: 'user-sage', title: '乡贤监督员任期即将届满' },
      { limit: 1 },
    );
    expect(warning?.body).toMatch(/任期将于 \d{4}年\d{1,2}月\d{1,2}日 届满/);
    expect(await isSage('user-sage')).toBe(true);
  });

  it('a signed-in person cannot pass for the timer; staff cannot sweep; the street can', async () => {
    const forged = await t.runtime.invoke('sages', { Type: 'Timer', TriggerName: 'sageTerms' }, 'demo-admin');
    expect(code(forged as { ok: boolean; error?: { code: string } })).toBe('INVALID_INPUT');
    expect(code(await t.as('demo-staff').call('sages', 'terms.sweep', {}))).toBe('FORBIDDEN');
    expect(code(await t.as('demo-resident').call('sages', 'terms.sweep', {}))).toBe('FORBIDDEN');
    expect(await t.as('demo-admin').ok('sages', 'terms.sweep', {})).toEqual({ expired: 0, warned: 0 });
  });

  it('when the end passes the record says expired, the role goes and the person is told, once', async () => {
    t.clock.advance(29 * DAY + 60_000);
    expect(await timer()).toMatchObject({ ok: true, data: { expired: 1 } });
    expect(await timer()).toMatchObject({ ok: true, data: { expired: 0, warned: 0 } });
    const doc = await appointment();
    expect(doc.status).toBe('expired');
    expect(doc.history.at(-1)).toMatchObject({ kind: 'expire', byUserId: 'system' });
    expect(await isSage('user-sage')).toBe(false);
    expect(count(await titles('user-sage'), '乡贤监督员任期已届满')).toBe(1);
    // The role is really gone: opinions are refused.
    const opinion = await t.as('demo-sage').call('deliberation', 'opinion.file', {
      targetKind: 'procedure',
      targetId: 'procedure-demo-playground',
      body: '任期结束后再提意见',
    });
    expect(code(opinion)).toBe('FORBIDDEN');
    const removing = await t
      .as('demo-admin')
      .call('sages', 'remove', { appointmentId: doc._id, reason: '任期届满后解聘' });
    expect(code(removing)).toBe('CONFLICT');
  });

  it('the street renews an expired term to a picked day: active again, role back, warned again before the new end', async () => {
    const bad = [
      { termEnd: chinaDayIn(-1) }, // in the past
      { termEnd: '2026-02-30' }, // no such day
      { termEnd: chinaDayIn(6 * 366) }, // longer than 5 years
    ];
    for (const b of bad) {
      const res = await t
        .as('demo-admin')
        .call('sages', 'renew', { appointmentId: 'appointment-demo-sage', reason: '继续聘任', ...b });
      expect(code(res), b.termEnd).toBe('INVALID_INPUT');
    }
    expect((await appointment()).status).toBe('expired');
    const day = chinaDayIn(400);
    const renewed = await t
      .as('demo-admin')
      .ok('sages', 'renew', { appointmentId: 'appointment-demo-sage', termEnd: day, reason: '履职认真，群众认可' });
    expect(renewed).toMatchObject({ status: 'active' });
    expect(new Date(Date.parse(renewed.termEnd) + 8 * 3600_000).toISOString().slice(0, 10)).toBe(day);
    expect(await isSage('user-sage')).toBe(true);
    t.clock.advance(371 * DAY);
    expect(await timer()).toMatchObject({ ok: true, data: { warned: 1, expired: 0 } });
    expect(count(await titles('user-sage'), '乡贤监督员任期即将届满')).toBe(2);
    const audit = await t.runtime.store.find<AuditDoc>(
      'audit',
      { 'target.id': 'appointment-demo-sage' },
      { limit: 20 },
    );
    expect(audit.map((a) => a.action)).toContain('sages.renew');
  });

  it('the local scheduler fires the same trigger', async () => {
    const job = SCHEDULED_JOBS.find((j) => j.fn === 'sages');
    expect(job).toMatchObject({ name: 'sageTerms' });
    t.clock.advance(30 * DAY);
    const lines: Array<Record<string, unknown>> = [];
    const scheduler = startScheduler(t.runtime, [job as (typeof SCHEDULED_JOBS)[number]], (l) => lines.push(l));
    await scheduler.runOnce();
    scheduler.stop();
    expect(lines.every((l) => l.level === 'info')).toBe(true);
    expect((await appointment()).status).toBe('expired');
    expect(await isSage('user-sage')).toBe(false);
  });
});
