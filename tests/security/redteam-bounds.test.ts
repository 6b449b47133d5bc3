import { afterAll, describe, expect, it } from 'vitest';
import { flatten } from '../support/catalogue';
import { startTestRuntime } from '../support/runtime';

// Every free-text field has its own cap (a 99 KB string under the 100 KB body cap is refused by the
// field's bound with a Chinese message, not carried into a hash, a regex or a store query), every
// list a length and every number a range: read from the catalogue's JSON Schemas, so a field added
// later is held to it without editing this file. Transforms count: `z.string().trim().pipe(…)`
// checks the piped schema only after the whole string was taken in.

interface Node {
  type?: string;
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  properties?: Record<string, Node>;
  items?: Node;
  prefixItems?: Node[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
}

function unbounded(node: Node | undefined, where: string, out: string[]): string[] {
  if (!node || typeof node !== 'object') return out;
  const fixed = node.enum !== undefined || node.const !== undefined;
  // An anchored pattern (ids, codes, dates) bounds a string as well as a length does.
  const shaped = node.format !== undefined || node.pattern !== undefined;
  if (node.type === 'string' && node.maxLength === undefined && !fixed && !shaped) out.push(`${where}: string`);
  if (node.type === 'array' && node.maxItems === undefined && !node.prefixItems) out.push(`${where}: array`);
  const number = node.type === 'number' || node.type === 'integer';
  if (number && node.maximum === undefined && node.exclusiveMaximum === undefined && !fixed)
    out.push(`${where}: number`);
  for (const [key, child] of Object.entries(node.properties ?? {})) unbounded(child, `${where}.${key}`, out);
  unbounded(node.items, `${where}[]`, out);
  for (const list of [node.anyOf, node.oneOf, node.allOf]) {
    for (const [i, child] of (list ?? []).entries()) unbounded(child, `${where}|${i}`, out);
  }
  return out;
}

describe('redteam: every field of every action is bounded', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());

  it('strings have a maximum length, lists a maximum size, numbers a maximum', () => {
    const found = flatten(t.runtime.catalogue).flatMap((e) =>
      unbounded(e.inputSchema as Node, `${e.fn}.${e.action}`, []),
    );
    expect(found).toEqual([]);
  });

  it('a claim code of 90,000 characters is refused by its bound, in Chinese, before it is hashed', async () => {
    // tips.payout takes the same schema (the catalogue test above holds it to the bound).
    for (const claimCode of ['A'.repeat(90_000), `  ${'ABCD-'.repeat(18_000)}  `]) {
      const answer = await t.as('demo-resident').call('tips', 'follow', { claimCode });
      expect(answer.ok).toBe(false);
      expect(answer.ok ? '' : answer.error.code).toBe('INVALID_INPUT');
      expect(answer.ok ? '' : answer.error.message).toMatch(/领取码最多 \d+ 个字/);
    }
  });
});
