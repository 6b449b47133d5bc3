import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_COLLECTIONS } from '../../cloudfunctions/_core/domain/reports/types';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { codeOf, photo, reportInput } from './reports.support';

describe('reports.submit with an idempotency key (weak networks: queued and retried from the phone)', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  const reportCount = () => t.runtime.store.count(REPORT_COLLECTIONS.reports, { reporterUserId: 'user-resident' });

  it('20 parallel submissions under one key file exactly one report and all answer with it', async () => {
    const before = await reportCount();
    const input = await reportInput(t, { idempotencyKey: 'draft-0001-abcdef' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.as('demo-resident').call('reports', 'submit', input)),
    );
    expect(results.map(codeOf)).toEqual(Array(20).fill('OK'));
    const ids = new Set(results.map((r) => (r.ok ? (r.data as { id: string }).id : null)));
    expect(ids.size).toBe(1);
    expect(await reportCount()).toBe(before + 1);
    // The daily quota was counted once, not twenty times.
    const mine = await t.as('demo-resident').ok('reports', 'mine', { group: 'open' });
    expect(mine.items.filter((r) => ids.has(r.id))).toHaveLength(1);
  });

  it('a retry later (same key, same payload) answers with the original report', async () => {
    const input = await reportInput(t, { idempotencyKey: 'draft-0002-abcdef' });
    const first = await t.as('demo-resident').ok('reports', 'submit', input);
    t.clock.advance(60_000);
    const again = await t.as('demo-resident').ok('reports', 'submit', input);
    expect(again).toEqual(first);
  });

  it('the same key with another payload is a CONFLICT; other people have their own key space', async () => {
    const input = await reportInput(t, { idempotencyKey: 'draft-0003-abcdef' });
    await t.as('demo-resident').ok('reports', 'submit', input);
    const changed = await t
      .as('demo-resident')
      .call('reports', 'submit', { ...input, description: '另一件事：路灯不亮了好几天' });
    expect(codeOf(changed)).toBe('CONFLICT');
    // Keys are per person: a neighbour who happens to use the same key files their own report.
    const other = await t
      .as('demo-volunteer')
      .call(
        'reports',
        'submit',
        await reportInput(t, { idempotencyKey: 'draft-0003-abcdef', photos: [await photo(t, 'demo-volunteer')] }),
      );
    expect(codeOf(other)).toBe('OK');
  });

  it('without a key every submission is a new report, as before', async () => {
    const before = await reportCount();
    const input = await reportInput(t);
    await t.as('demo-resident').ok('reports', 'submit', input);
    await t.as('demo-resident').ok('reports', 'submit', input);
    expect(await reportCount()).toBe(before + 2);
  });

  it('a key must be long enough to be unique', async () => {
    expect(
      codeOf(await t.as('demo-resident').call('reports', 'submit', await reportInput(t, { idempotencyKey: 'x' }))),
    ).toBe('INVALID_INPUT');
  });
});
