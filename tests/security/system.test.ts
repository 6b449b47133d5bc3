import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GC_COLLECTIONS } from '../../cloudfunctions/_core/domain/greencoin';
import { systemOnly } from '../../cloudfunctions/_core/domain/policy';
import { isPlatformTimer } from '../../cloudfunctions/_core/runtime/main';
import { SCHEDULED_JOBS } from '../../local/scheduler';
import { PERSONAS } from '../../local/seed';
import { flatten } from '../support/catalogue';
import { type RunningGateway, startGateway } from '../support/gateway';
import { startTestRuntime } from '../support/runtime';

// Finding 3: `{"Type":"Timer"}` posted to /api/functions/<name> without a token ran the sweeps.
// The system acts only when the runtime saw the platform's trigger in the invocation context
// (CloudBase: SOURCE wx_trigger; locally: the scheduler), never because of the body.
const TIMER_BODIES = [{ Type: 'Timer' }, { Type: 'timer', TriggerName: 'x', Time: '2026-01-01T00:00:00Z' }];

/** A redemption waiting for review, made through the real handlers. */
async function pendingRedemption(gw: RunningGateway): Promise<string> {
  const rt = gw.runtime;
  const goods = await rt.invoke('greencoin', { action: 'goods.list', payload: {} }, 'demo-resident');
  if (!goods.ok) throw new Error('goods.list failed');
  const goodsId = (goods.data as { items: Array<{ id: string }> }).items[0]?.id;
  const made = await rt.invoke(
    'greencoin',
    { action: 'redeem.request', payload: { goodsId, quantity: 1, idempotencyKey: 'sys-timer-probe' } },
    'demo-resident',
  );
  if (!made.ok) throw new Error('redeem.request failed');
  return (made.data as { id: string }).id;
}

describe.each([
  ['persona login on', true],
  ['persona login off', false],
])('a client request shaped like a timer runs no sweep (%s)', (_label, devLogin) => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ devLogin });
  });
  afterAll(() => gw.close());

  it('every timer function refuses the body without a token, and nothing is swept', async () => {
    const redemptionId = await pendingRedemption(gw);
    // Past its review deadline: a sweep that ran would expire it.
    await gw.runtime.store.updateById(GC_COLLECTIONS.redemptions, redemptionId, {
      $set: { expiresAt: '2000-01-01T00:00:00.000Z' },
    });
    for (const job of SCHEDULED_JOBS) {
      for (const body of TIMER_BODIES) {
        const { body: answer } = await gw.invoke(job.fn, body);
        expect(answer.ok, `${job.fn} ${JSON.stringify(body)}`).toBe(false);
      }
    }
    const redemption = await gw.runtime.store.get<{ _id: string; status: string }>(
      GC_COLLECTIONS.redemptions,
      redemptionId,
    );
    expect(redemption?.status).toBe('requested');
    expect(gw.runtime.notifications).toHaveLength(0);
  });
});

describe('only the platform trigger runs system work', () => {
  it('CloudBase: SOURCE exactly wx_trigger and no user; chains and client sources are not the timer', () => {
    expect(isPlatformTimer('wx_trigger', undefined)).toBe(true);
    expect(isPlatformTimer('wx_trigger', 'o-someone')).toBe(false);
    for (const source of [
      'wx_client',
      'wx_http',
      'wx_devtools',
      'wx_trigger,scf',
      'wx_client,scf',
      'scf',
      '',
      undefined,
    ]) {
      expect(isPlatformTimer(source, undefined), String(source)).toBe(false);
    }
  });

  it('signed-in personas sending a timer body are refused on every timer function', async () => {
    const t = await startTestRuntime();
    try {
      for (const job of SCHEDULED_JOBS) {
        for (const persona of [...PERSONAS.map((p) => p.openid), null]) {
          const result = await t.runtime.invoke(job.fn, { Type: 'Timer', TriggerName: job.name }, persona);
          expect(result.ok, `${job.fn} as ${persona}`).toBe(false);
        }
        const asTrigger = await t.runtime.invoke(job.fn, { Type: 'Timer', TriggerName: job.name }, null, {
          trigger: 'timer',
        });
        expect(asTrigger.ok, job.fn).toBe(true);
      }
    } finally {
      await t.close();
    }
  });

  it('system-only actions refuse every persona over the catalogue', async () => {
    const t = await startTestRuntime();
    try {
      const entries = flatten(t.runtime.catalogue).filter((e) => systemOnly(e.access));
      for (const entry of entries) {
        for (const persona of PERSONAS) {
          const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload: {} }, persona.openid);
          expect(result.ok === false && result.error.code, `${entry.fn}.${entry.action}`).toBe('FORBIDDEN');
        }
      }
    } finally {
      await t.close();
    }
  });
});
