import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredCollections } from '../../cloudfunctions/_core/store/collections';
import type { StoredDoc } from '../../cloudfunctions/_core/store/docstore';
import { DEMO } from '../../local/seed';
import { addPerson, reportInput } from '../functions/reports.support';
import { flatten } from '../support/catalogue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { generate, propertiesOf, seededRng } from '../support/schema-fuzz';

// IDOR across communities, by record id, over the whole catalogue (reads AND writes): staff (with
// every role of 翠峰) and a resident of 翠峰 are handed the id of every 潇湘 record in the store,
// in every id field of every action. Nothing of 潇湘 may come back, and no 潇湘 record may change.
// (policy.property.test.ts covers the communityId field; this covers record ids.)

type Doc = StoredDoc & Record<string, unknown>;
/** Collections where each record is a case of its own (reports, redemptions …): every one is tried. */
const EVERY_RECORD =
  /^(reports|tb_|gc_awards|gc_goods|gc_redemptions|meetings|opinions|disclosures|topics|procedures|safety_units|safety_scorecards|service_|sage_|tips|users)/;
/** Text a person wrote or reads: two Han characters or more. */
const CJK_TEXT = /\p{Script=Han}.*\p{Script=Han}/u;

describe('redteam: a 潇湘 record id given to 翠峰 staff or residents, in any field of any action', () => {
  let t: TestRuntime;
  const targets: Array<{ collection: string; doc: Doc }> = [];
  const before = new Map<string, string>();
  const key = (collection: string, id: string) => `${collection}/${id}`;

  beforeAll(async () => {
    t = await startTestRuntime();
    await addPerson(t, 'wx-b-resident', {
      nickname: '翠峰居民',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
    await addPerson(t, 'wx-b-staff', {
      nickname: '翠峰社工',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [
        { role: 'resident', communityId: DEMO.communityB },
        { role: 'staff', communityId: DEMO.communityB },
        { role: 'sage', communityId: DEMO.communityB },
        { role: 'gridworker', communityId: DEMO.communityB, gridId: DEMO.gridB1 },
      ],
    });
    // A live 潇湘 case of each kind the seed lacks: a fresh report and a redemption request.
    await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    for (const collection of declaredCollections()) {
      const docs = await t.runtime.store.find<Doc>(collection, {}, { limit: 1000 });
      let taken = 0;
      for (const doc of docs) {
        const raw = JSON.stringify(doc);
        const ofA = raw.includes(DEMO.communityA) || (collection === 'users' && !raw.includes(DEMO.communityB));
        if (!ofA) continue;
        before.set(key(collection, doc._id), raw);
        if (taken > 0 && !EVERY_RECORD.test(collection)) continue;
        targets.push({ collection, doc });
        taken += 1;
      }
    }
  });
  afterAll(() => t.close());

  it('nothing of 潇湘 comes back and no 潇湘 record changes', { timeout: 240_000 }, async () => {
    expect(targets.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    let answered = 0;
    for (const e of flatten(t.runtime.catalogue)) {
      const schema = e.inputSchema as Record<string, any>;
      const fields = propertiesOf(schema)
        .filter(([name, type]) => type === 'string' && /Id$|^id$/.test(name) && name !== 'communityId')
        .map(([name]) => name);
      for (const field of fields) {
        for (const { collection, doc } of targets) {
          // What identifies the record: its community and its Chinese text (titles, names, places),
          // not the id itself, which an answer may echo (a 翠峰 record may even take the same id).
          const markers = [
            DEMO.communityA,
            '潇湘',
            ...Object.values(doc).filter((v): v is string => typeof v === 'string' && CJK_TEXT.test(v)),
          ];
          for (const openid of ['wx-b-staff', 'wx-b-resident']) {
            // A few generated payloads until one passes validation: the id must reach the handler.
            for (let seed = 1; seed <= 5; seed += 1) {
              const payload = { ...(generate(schema, seededRng(seed)) as object), [field]: doc._id } as Record<
                string,
                unknown
              >;
              if ('communityId' in payload) payload.communityId = DEMO.communityB;
              if ('idempotencyKey' in payload) payload.idempotencyKey = `idor-${seed}-${answered}-${Math.random()}`;
              const result = await t.runtime.invoke(e.fn, { action: e.action, payload }, openid);
              if (!result.ok && result.error.code === 'INVALID_INPUT') continue;
              answered += 1;
              if (result.ok) {
                const raw = JSON.stringify(result.data).split(doc._id).join('');
                const hit = markers.find((m) => raw.includes(m));
                if (hit) leaks.push(`${e.fn}.${e.action} ${field}=${key(collection, doc._id)} as ${openid} → ${hit}`);
              }
              break;
            }
          }
        }
      }
    }
    expect(answered, 'calls that reached a handler').toBeGreaterThan(500);
    expect(leaks).toEqual([]);
    const changed: string[] = [];
    for (const [id, raw] of before) {
      const [collection, ...rest] = id.split('/');
      const now = await t.runtime.store.get<Doc>(collection as string, rest.join('/'));
      if (JSON.stringify(now) !== raw) changed.push(id);
    }
    expect(changed, '潇湘 records changed by 翠峰 callers').toEqual([]);
  });
});
