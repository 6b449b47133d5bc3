import { afterAll, describe, expect, it } from 'vitest';
import { systemOnly } from '../../cloudfunctions/_core/domain/policy';
import { invisibleControlAt } from '../../cloudfunctions/_core/domain/text';
import { declaredCollections } from '../../cloudfunctions/_core/store/collections';
import { codeOf, key } from '../greencoin/support';
import { flatten, personaFor } from '../support/catalogue';
import { startTestRuntime } from '../support/runtime';
import { generate, propertiesOf, seededRng } from '../support/schema-fuzz';

// Names and texts are shown to other people. What a person cannot see must not ride along:
// 「\u202e」 reverses what follows (a name posing as 陈书记, a phone number hidden backwards),
// NUL cuts text short in some readers, a lone surrogate is not text at all.

const INVISIBLE: Array<[label: string, text: string]> = [
  ['RLO U+202E', '张\u202e姨阿'],
  ['LRI U+2066', '陈\u2066书记'],
  ['NUL', '张阿\u0000姨'],
  ['BEL', '张阿姨\u0007'],
  ['C1 U+0085', '张阿\u0085姨'],
  ['line separator U+2028', '张阿姨\u2028工作人员'],
  ['lone surrogate', '张阿姨\ud800'],
];

describe('redteam: invisible control characters in what others read', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());

  it('a nickname with any of them is refused in Chinese and nothing is written', async () => {
    const resident = t.as('demo-resident');
    for (const [label, nickname] of INVISIBLE) {
      const before = t.runtime.store.stats().writes;
      const result = await resident.call('identity', 'updateProfile', { nickname });
      expect(codeOf(result), label).toBe('INVALID_INPUT');
      expect(!result.ok && result.error.message, label).toMatch(/昵称/);
      expect(t.runtime.store.stats().writes, label).toBe(before);
    }
    // A line break would fake a second line under the name in a staff queue.
    expect(codeOf(await resident.call('identity', 'updateProfile', { nickname: '张阿姨\n（社区书记）' }))).toBe(
      'INVALID_INPUT',
    );
    // What people do type still goes through: emoji joined by ZWJ, CJK, full-width letters.
    const ok = await resident.ok('identity', 'updateProfile', { nickname: '张阿姨👩‍👩‍👧ｆｕｌｌ' });
    expect(ok.nickname).toBe('张阿姨👩‍👩‍👧ｆｕｌｌ');
  });

  it('the rule itself: found wherever they hide, nested or in arrays; ordinary text passes', () => {
    expect(invisibleControlAt({ a: [{ b: 'x\u202ey' }] })).toEqual(['a', 0, 'b']);
    expect(invisibleControlAt({ note: '第一行\n第二行\t缩进', emoji: '👩‍👩‍👧‍👦', astral: '𠀀𠀁' })).toBeNull();
  });

  const entries = flatten(t.runtime.catalogue).filter((e) => !systemOnly(e.access));
  it.each(entries.map((e) => [`${e.fn}.${e.action}`, e] as const))(
    '%s: every text field refuses them and writes nothing',
    async (_name, entry) => {
      const schema = entry.inputSchema as Record<string, unknown>;
      for (const [field, type] of propertiesOf(schema)) {
        if (type !== 'string') continue;
        for (const [label, text] of INVISIBLE) {
          const payload = { ...(generate(schema, seededRng(11)) as object), [field]: text } as Record<string, unknown>;
          if ('idempotencyKey' in payload && field !== 'idempotencyKey') payload.idempotencyKey = key();
          const before = t.runtime.store.stats().writes;
          const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload }, personaFor(entry));
          const where = `${entry.fn}.${entry.action} ${field}=${label}`;
          expect(result.ok, where).toBe(false);
          expect(codeOf(result), where).toBe('INVALID_INPUT');
          expect(t.runtime.store.stats().writes, `${where} wrote`).toBe(before);
        }
      }
    },
  );
});

describe('redteam: ids that look like paths, wildcards or patterns', async () => {
  const t = await startTestRuntime();
  afterAll(() => t.close());
  const ODD_IDS = ['a/../b', '../../etc/passwd', '*', '.*', '%2e%2e%2f', 'cloud://env/../uploads/x', 'a\\b', '$where'];
  const entries = flatten(t.runtime.catalogue).filter((e) => !systemOnly(e.access));

  it('never crash, and no record is ever stored under such an id', async () => {
    const crashes: string[] = [];
    for (const entry of entries) {
      const schema = entry.inputSchema as Record<string, unknown>;
      for (const [field, type] of propertiesOf(schema)) {
        if (type !== 'string' || !/Id$|^id$|Ids?$/.test(field)) continue;
        for (const id of ODD_IDS) {
          const payload = { ...(generate(schema, seededRng(5)) as object), [field]: id } as Record<string, unknown>;
          if ('idempotencyKey' in payload) payload.idempotencyKey = key();
          const result = await t.runtime.invoke(entry.fn, { action: entry.action, payload }, personaFor(entry));
          if (codeOf(result) === 'INTERNAL') crashes.push(`${entry.fn}.${entry.action} ${field}=${id}`);
        }
      }
    }
    expect(crashes).toEqual([]);
    for (const collection of declaredCollections()) {
      const docs = await t.runtime.store.find(collection, {}, { limit: 1000 });
      for (const doc of docs)
        expect(
          ODD_IDS.some((id) => doc._id === id),
          `${collection}/${doc._id}`,
        ).toBe(false);
    }
  });
});
