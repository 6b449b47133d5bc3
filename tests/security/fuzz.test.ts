import { afterAll, describe, expect, it } from 'vitest';
import { systemOnly } from '../../cloudfunctions/_core/domain/policy';
import { ERROR_CODES } from '../../cloudfunctions/_core/runtime/errors';
import { PERSONAS } from '../../local/seed';
import { type CatalogueEntry, flatten, personaFor } from '../support/catalogue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import {
  deeplyNested,
  generate,
  MONGO_OPERATORS,
  propertiesOf,
  seededRng,
  UNICODE_EDGE_CASES,
  wrongTypeFor,
} from '../support/schema-fuzz';

// Reads the catalogue: every action (present and future) is fuzzed without editing this file.
describe('input fuzzing on every action (real handlers, real store)', async () => {
  const t: TestRuntime = await startTestRuntime();
  const entries = flatten(t.runtime.catalogue);
  afterAll(() => t.close());

  const expectEnvelope = (result: unknown, where: string): void => {
    expect(result, where).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
    const envelope = result as { ok: boolean; error?: { code: string; message: string } };
    if (!envelope.ok) {
      expect(ERROR_CODES, where).toContain(envelope.error?.code);
      expect(envelope.error?.message, where).toMatch(/\p{Script=Han}/u);
      expect(envelope.error?.code, `${where} must not crash`).not.toBe('INTERNAL');
      expect(envelope.error?.message, where).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
  };

  /** Invalid payloads must be refused with INVALID_INPUT and write nothing. */
  const expectRefusedWithoutWrites = async (entry: CatalogueEntry, payload: unknown, label: string) => {
    const where = `${entry.fn}.${entry.action} ${label}`;
    const before = t.runtime.store.stats().writes;
    const result = await invokeAs(entry, payload);
    expectEnvelope(result, where);
    expect(result.ok === false && result.error.code, where).toBe(
      systemOnly(entry.access) ? 'FORBIDDEN' : 'INVALID_INPUT',
    );
    expect(t.runtime.store.stats().writes, `${where} wrote to the database`).toBe(before);
  };

  /**
   * Calls as the least privileged seeded persona the policy admits. A system-only action
   * (access.scope ['system']) admits nobody: a timer trigger runs it with the payload fixed in the
   * function's own definition, never one from an event. So its fuzzing comes from the city's
   * admin, as a client request, and every such call must be refused before anything is written.
   */
  const GLOBAL_ADMIN = PERSONAS.find((p) => p.grants.some((g) => g.role === 'admin' && !g.communityId))?.openid;
  const invokeAs = (entry: CatalogueEntry, payload: unknown) =>
    t.runtime.invoke(
      entry.fn,
      { action: entry.action, payload },
      systemOnly(entry.access) ? (GLOBAL_ADMIN ?? null) : personaFor(entry),
    );

  const byAction = entries.map((e) => [`${e.fn}.${e.action}`, e] as const);

  it.each(byAction)('%s: non-object payloads and undeclared fields', async (_n, entry) => {
    for (const payload of [null, [], 'text', 42, true]) {
      // `null` is treated as "no payload"; the rest are never objects.
      if (payload === null) continue;
      await expectRefusedWithoutWrites(entry, payload, `payload=${JSON.stringify(payload)}`);
    }
    await expectRefusedWithoutWrites(entry, { unexpected: 1 }, 'undeclared field');
  });

  it.each(byAction)(
    '%s: wrong types, huge strings, deep nesting and Mongo operators in every field',
    async (_n, entry) => {
      for (const [name, type] of propertiesOf(entry.inputSchema as Record<string, unknown>)) {
        await expectRefusedWithoutWrites(entry, { [name]: wrongTypeFor(type) }, `${name} wrong type`);
        await expectRefusedWithoutWrites(entry, { [name]: deeplyNested(2000) }, `${name} nested 2000 deep`);
        for (const operator of MONGO_OPERATORS) {
          await expectRefusedWithoutWrites(entry, { [name]: operator }, `${name}=${JSON.stringify(operator)}`);
        }
        if (type === 'string') {
          await expectRefusedWithoutWrites(entry, { [name]: 'x'.repeat(200_000) }, `${name} 200k chars`);
        }
      }
    },
  );

  it.each(byAction)('%s: prototype-pollution keys are refused and pollute nothing', async (_n, entry) => {
    for (const raw of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}']) {
      await expectRefusedWithoutWrites(entry, JSON.parse(raw), raw);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it.each(byAction)('%s: unicode edge cases and schema-generated payloads never crash', async (_n, entry) => {
    const schema = entry.inputSchema as Record<string, unknown>;
    for (const [name, type] of propertiesOf(schema)) {
      if (type !== 'string') continue;
      for (const text of UNICODE_EDGE_CASES) {
        const payload = { ...(generate(schema, seededRng(7)) as object), [name]: text };
        expectEnvelope(await invokeAs(entry, payload), `${name}=${JSON.stringify(text)}`);
      }
    }
    const rng = seededRng(20261125);
    for (let i = 0; i < 25; i += 1) {
      const payload = generate(schema, rng);
      expectEnvelope(await invokeAs(entry, payload), `generated ${JSON.stringify(payload)}`);
    }
  });
});
