/**
 * A validation message is read by a resident, not a developer: it names the field in Chinese.
 * For every registered action, every field of its input schema (found through the JSON Schema the
 * catalogue publishes) is given wrong values of several kinds; each zod issue that comes back is
 * turned into text by the dispatcher's own describeIssues and must not contain any of the schema's
 * ASCII field names. One call goes through the real gateway to show the text the person gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../cloudfunctions/_core/runtime/dispatch';
import { FIELD_LABELS } from '../../cloudfunctions/_core/runtime/field-labels';
import { FUNCTION_DEFINITIONS } from '../../cloudfunctions/registry';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

type JsonSchema = Record<string, unknown>;

/** Every property path of a JSON Schema; array items are addressed as index 0. */
function fieldPaths(schema: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as JsonSchema;
  const out: Array<Array<string | number>> = [];
  for (const [key, sub] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    out.push([...prefix, key], ...fieldPaths(sub, [...prefix, key]));
  }
  if (s.items && typeof s.items === 'object') out.push(...fieldPaths(s.items, [...prefix, 0]));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const sub of (s[key] as unknown[]) ?? []) out.push(...fieldPaths(sub, prefix));
  }
  return out;
}

const fieldNamesOf = (paths: Array<Array<string | number>>) =>
  new Set(paths.flatMap((p) => p.filter((s): s is string => typeof s === 'string')));

/** `{a: {b: [value]}}` for the path a.b.0. */
function payloadAt(path: Array<string | number>, value: unknown): unknown {
  let out: unknown = value;
  for (const segment of [...path].reverse()) out = typeof segment === 'number' ? [out] : { [segment]: out };
  return out;
}

/** Wrong in different ways, so too_small, too_big, invalid_type, invalid_value and format issues all occur. */
const WRONG_VALUES: unknown[] = ['', 'x', 'x'.repeat(20_000), -1e12, 1e12, 1.5, true, { nope: 1 }, [], null];

const actions = FUNCTION_DEFINITIONS.flatMap((fn) =>
  Object.entries(fn.actions).map(([name, action]) => ({ name: `${fn.name}.${name}`, input: action.input })),
);
const schemas = actions.map((a) => ({ ...a, json: z.toJSONSchema(a.input, { io: 'input', unrepresentable: 'any' }) }));
const allFieldNames = fieldNamesOf(schemas.flatMap((a) => fieldPaths(a.json)));

/** The ASCII words of a message that are field names of some schema. */
const leakedNames = (message: string) =>
  (message.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => allFieldNames.has(w));

describe('validation messages name fields in Chinese', () => {
  it(`covers every registered action (${actions.length}) and field name (${allFieldNames.size})`, () => {
    expect(actions.length).toBeGreaterThan(150);
    expect(allFieldNames.size).toBeGreaterThan(150);
  });

  it('every field name of every schema has its Chinese label (a missing one would read 某项内容)', () => {
    expect([...allFieldNames].filter((name) => !Object.hasOwn(FIELD_LABELS, name))).toEqual([]);
  });

  it('no message for any wrong value of any field of any action contains an ASCII field name', () => {
    const leaks = new Map<string, string>();
    let issues = 0;
    for (const action of schemas) {
      const payloads = [{}, ...fieldPaths(action.json).flatMap((p) => WRONG_VALUES.map((v) => payloadAt(p, v)))];
      for (const payload of payloads) {
        const parsed = action.input.safeParse(payload);
        if (parsed.success) continue;
        for (const issue of parsed.error.issues) {
          issues += 1;
          // One issue at a time: the dispatcher shows only the first three of a payload's.
          const message = describeIssues(new z.ZodError([issue]));
          const leaked = leakedNames(message);
          if (leaked.length > 0) leaks.set(`${action.name} ${leaked.join(',')}`, message);
        }
      }
    }
    expect(issues).toBeGreaterThan(5_000);
    expect([...leaks.entries()].slice(0, 40).map(([k, m]) => `${k}: ${m}`)).toEqual([]);
  });

  it('keeps the Chinese messages a schema writes itself', () => {
    const phone = actions.find((a) => a.name === 'sages.apply');
    expect(phone).toBeDefined();
    const parsed = phone?.input.safeParse({
      statement: '我在社区住了二十多年，愿意为大家监督社区事务，认真履职。',
      references: [{ name: '李大爷', relation: '邻居', phone: '123' }],
    });
    expect(parsed?.success).toBe(false);
    const message = describeIssues(parsed?.error as z.ZodError);
    expect(message).toBe('提交的内容有误：请填写 11 位手机号');
  });
});

describe('through the gateway', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(() => t.close());

  it('a too-long pickup place is named 地点 with its bound, not place', async () => {
    const answer = await t.as('demo-staff').call('greencoin', 'pickup.save', {
      communityId: 'community-xiaoxiang',
      place: 'x'.repeat(201),
      hours: '9:00-17:00',
      days: 3,
    } as never);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_INPUT');
    expect(answer.error.message).toBe('提交的内容有误：地点最多 200 个字');
    expect(leakedNames(answer.error.message)).toEqual([]);
  });
});
