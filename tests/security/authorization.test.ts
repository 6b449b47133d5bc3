import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../local/seed';
import { allowedFor, type CatalogueEntry, flatten } from '../support/catalogue';
import { type RunningGateway, startGateway } from '../support/gateway';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// The declared policy is each action's `roles` in the catalogue; this suite proves the dispatcher
// enforces it for every action and persona, so new actions are covered without editing it.
// A payload with an undeclared field is always invalid: a persona past the role gate gets
// INVALID_INPUT (validation comes after authorization), one stopped at it gets FORBIDDEN.
const PROBE = { __authorization_probe__: true };

describe('authorization matrix: every action × every persona (real handlers)', async () => {
  const t: TestRuntime = await startTestRuntime();
  const entries = flatten(t.runtime.catalogue);
  afterAll(() => t.close());

  it('the catalogue has actions to check', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5);
  });

  const cases: Array<[string, CatalogueEntry, string]> = entries.flatMap((entry) =>
    PERSONAS.map(
      (p) => [`${entry.fn}.${entry.action} as ${p.openid}`, entry, p.openid] as [string, CatalogueEntry, string],
    ),
  );
  it.each(cases)('%s follows the declared roles', async (_name, entry, openid) => {
    const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload: PROBE }, openid);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(allowedFor(entry, openid) ? 'INVALID_INPUT' : 'FORBIDDEN');
  });

  it.each(entries.map((e) => [`${e.fn}.${e.action}`, e] as const))(
    '%s without a caller is UNAUTHENTICATED',
    async (_n, entry) => {
      const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload: {} }, null);
      expect(result).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    },
  );

  it('a signed-in person with no roles passes only the actions open to every signed-in person', async () => {
    for (const entry of entries) {
      const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload: PROBE }, 'wx-no-roles');
      expect(result.ok === false && result.error.code, `${entry.fn}.${entry.action}`).toEqual(
        entry.roles === 'authenticated' ? expect.stringMatching(/^(INVALID_INPUT|FORBIDDEN)$/) : 'FORBIDDEN',
      );
    }
  });
});

describe('authorization over HTTP: forged and expired tokens on every function', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('every action refuses forged tokens with 401 UNAUTHENTICATED', async () => {
    const real = await gw.login('demo-admin');
    const [, expiry, signature] = real.split('.');
    const impersonation = `${Buffer.from('demo-staff').toString('base64url')}.${expiry}.${signature}`;
    const farFuture = `${real.split('.')[0]}.${Number(expiry) * 10}.${signature}`;
    for (const entry of flatten(gw.runtime.catalogue)) {
      for (const token of [impersonation, farFuture]) {
        const { status, body } = await gw.invoke(entry.fn, { action: entry.action, payload: {} }, token);
        expect(status, `${entry.fn}.${entry.action}`).toBe(401);
        expect(body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });
});
