import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIBERATION_COLLECTIONS } from '../../cloudfunctions/_core/domain/deliberation/model';
import { SAFETY_COLLECTIONS } from '../../cloudfunctions/_core/domain/safety';
import { SERVICE_COLLECTIONS } from '../../cloudfunctions/_core/domain/services';
import { DEMO } from '../../local/seed';
import { addPerson, photo } from '../functions/reports.support';
import { codeOf } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Per-person caps (open topics, applications in progress, proxy grants a day) must hold when one
// client fires its requests at once, not only one after another: the count and the insert used to
// be separate steps, so 20 parallel proposals against a cap of 5 all went in.

const PARALLEL = 20;

describe('redteam: per-person caps hold against parallel requests', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  it('open topics: at most 5 per person', async () => {
    const resident = t.as('demo-resident');
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        resident.call('deliberation', 'topic.propose', { title: `议题第${i}号`, body: '建议在小区南门增设快递柜一处' }),
      ),
    );
    expect(results.filter((r) => !r.ok).every((r) => codeOf(r) === 'RATE_LIMITED')).toBe(true);
    const open = await t.runtime.store.count(DELIBERATION_COLLECTIONS.topics, {
      authorUserId: 'user-resident',
      status: 'open',
    });
    expect(open).toBe(5);
  });

  it('service applications in progress: at most 10 per person', async () => {
    const id = await photo(t);
    const book = await photo(t);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t.as('demo-resident').call('services', 'apply', {
          itemId: 'svc-residence-xiaoxiang',
          materials: [
            { name: '居民身份证', fileIds: [id] },
            { name: '户口簿或房屋产权证明', fileIds: [book] },
          ],
          note: `第 ${i} 份`,
          key: `cap-apply-${i}-key`,
        }),
      ),
    );
    expect(results.filter((r) => !r.ok).every((r) => codeOf(r) === 'RATE_LIMITED')).toBe(true);
    const open = await t.runtime.store.count(SERVICE_COLLECTIONS.applications, {
      applicantUserId: 'user-resident',
      status: { $in: ['submitted', 'supplement', 'accepted'] },
    });
    expect(open).toBe(10);
  });

  it('safety applications waiting: at most 10 per person, and never two of one name', async () => {
    const apply = (name: string) =>
      t.as('demo-resident').call('safety', 'apply', {
        type: 'family',
        name,
        address: '潇湘路 5 号 2 栋 301',
        gridId: DEMO.gridA1,
        contactName: '张阿姨',
        contactPhone: '13912345678',
      });
    const results = await Promise.all([
      ...Array.from({ length: PARALLEL }, (_, i) => apply(`张家${i}`)),
      ...Array.from({ length: 5 }, () => apply('同名之家')),
    ]);
    expect(results.filter((r) => !r.ok).every((r) => ['RATE_LIMITED', 'CONFLICT'].includes(codeOf(r)))).toBe(true);
    const units = await t.runtime.store.find<{ _id: string; name: string; status: string }>(
      SAFETY_COLLECTIONS.units,
      { applicantUserId: 'user-resident' },
      { limit: 100 },
    );
    expect(units.filter((u) => u.status === 'applied').length).toBeLessThanOrEqual(10);
    expect(units.filter((u) => u.name === '同名之家').length).toBeLessThanOrEqual(1);
  });

  it('proxy grants: at most 5 a day', async () => {
    const agents = [];
    for (let i = 0; i < 12; i += 1) {
      agents.push(
        await addPerson(t, `wx-helper-${i}`, {
          nickname: `帮手${i}`,
          grants: [{ role: 'resident', communityId: DEMO.communityA }],
        }),
      );
    }
    const results = await Promise.all(
      agents.map((agentUserId) =>
        t.as('demo-resident').call('identity', 'proxy.grant', { agentUserId, scopes: ['reports'] }),
      ),
    );
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok).every((r) => codeOf(r) === 'RATE_LIMITED')).toBe(true);
  });
});
