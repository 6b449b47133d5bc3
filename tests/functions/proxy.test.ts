import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, type AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { codeOf, photo, reportInput } from './reports.support';

describe('代办: a resident authorises a helper; proxied reports are marked, logged and revocable', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const resident = () => t.as('demo-resident');
  const forResident = async (openid: string) =>
    reportInput(t, { onBehalfOfUserId: 'user-resident', photos: [await photo(t, openid)] });

  it('a family member files for the resident with a grant; the resident sees it in their 代办记录; revoking stops it at once', async () => {
    // Without a grant a neighbour cannot file in someone else's name.
    expect(codeOf(await t.as('demo-volunteer').call('reports', 'submit', await forResident('demo-volunteer')))).toBe(
      'FORBIDDEN',
    );

    const granted = await resident().ok('identity', 'proxy.grant', {
      agentUserId: 'user-volunteer',
      scopes: ['reports'],
    });
    expect(granted.active).toBe(true);
    const lists = await t.as('demo-volunteer').ok('identity', 'proxy.list', {});
    expect(lists.received.map((g) => g.userId)).toEqual(['user-resident']);
    // The demo seed already lets her grid worker act for her (local/seeds/care.ts).
    expect((await resident().ok('identity', 'proxy.list', {})).given.map((g) => g.userId).sort()).toEqual([
      'user-gridworker',
      'user-volunteer',
    ]);

    const filed = await t.as('demo-volunteer').ok('reports', 'submit', await forResident('demo-volunteer'));
    const report = await t.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, filed.id);
    expect(report?.reporterUserId).toBe('user-resident');
    expect(report?.filedByUserId).toBe('user-volunteer');
    // It is the resident's report: they follow it and are told.
    expect((await resident().ok('reports', 'mine', { group: 'open' })).items.map((r) => r.id)).toContain(filed.id);
    const log = await resident().ok('identity', 'proxy.log', {});
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ action: 'reports.submit', scope: 'reports', target: { id: filed.id } });
    expect(log.items[0]?.summary).toContain('代您上报');
    const audit = await t.runtime.store.find<AuditDoc>(
      AUDIT_COLLECTION,
      { communityId: report?.communityId },
      { limit: 1000 },
    );
    expect(audit.some((a) => a.action === 'reports.submit.proxy')).toBe(true);

    await resident().ok('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' });
    expect(codeOf(await t.as('demo-volunteer').call('reports', 'submit', await forResident('demo-volunteer')))).toBe(
      'FORBIDDEN',
    );
    expect((await resident().ok('identity', 'proxy.list', {})).given.map((g) => g.userId)).toEqual(['user-gridworker']);
  });

  it('a grant covers only its scopes, and the grid worker can be the helper', async () => {
    await resident().ok('identity', 'proxy.grant', { agentUserId: 'user-gridworker', scopes: ['redeem'] });
    expect(codeOf(await t.as('demo-gridworker').call('reports', 'submit', await forResident('demo-gridworker')))).toBe(
      'FORBIDDEN',
    );
    await resident().ok('identity', 'proxy.grant', { agentUserId: 'user-gridworker', scopes: ['redeem', 'reports'] });
    const filed = await t.as('demo-gridworker').ok('reports', 'submit', await forResident('demo-gridworker'));
    expect((await t.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, filed.id))?.reporterUserId).toBe(
      'user-resident',
    );
  });

  it('bad grants are refused: oneself, unknown people, no scopes', async () => {
    expect(
      codeOf(await resident().call('identity', 'proxy.grant', { agentUserId: 'user-resident', scopes: ['reports'] })),
    ).toBe('INVALID_INPUT');
    expect(
      codeOf(await resident().call('identity', 'proxy.grant', { agentUserId: 'user-nobody', scopes: ['reports'] })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await resident().call('identity', 'proxy.grant', { agentUserId: 'user-volunteer', scopes: [] })),
    ).toBe('INVALID_INPUT');
    expect(codeOf(await resident().call('identity', 'proxy.revoke', { agentUserId: 'user-volunteer' }))).toBe(
      'NOT_FOUND',
    );
  });
});
