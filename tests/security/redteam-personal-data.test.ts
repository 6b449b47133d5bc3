import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, PERSONAS } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Phones are masked everywhere others see them (138****5678), staff included. A search must not
// become an oracle that reads the hidden digits back one query at a time.

describe('staff cannot read a resident’s hidden phone digits through the resident search', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(() => t.close());

  const resident = PERSONAS.find((p) => p.openid === 'demo-resident');
  if (!resident) throw new Error('demo-resident missing');
  const phone = resident.phone;

  it('a tail longer than the four digits the mask shows never matches by phone', async () => {
    const staff = t.as('demo-staff');
    const hits = async (query: string) =>
      (await staff.ok('reports', 'residents', { query, communityId: DEMO.communityA })).items.map((r) => r.userId);
    // The four digits anyone sees in 138****0001 still find the resident.
    expect(await hits(phone.slice(-4))).toContain(resident.userId);
    // Five digits and more would confirm hidden digits: the whole number, or one more digit at a time.
    for (const length of [5, 6, 7, 8, 11]) {
      expect(await hits(phone.slice(-length)), `a ${length}-digit tail`).not.toContain(resident.userId);
    }
  });

  it('reconstructing the middle digits by trying each next digit finds nothing to go on', async () => {
    const staff = t.as('demo-staff');
    let known = phone.slice(-4);
    for (let position = 0; position < 4; position += 1) {
      const matching: string[] = [];
      for (let digit = 0; digit <= 9; digit += 1) {
        const { items } = await staff.ok('reports', 'residents', {
          query: `${digit}${known}`,
          communityId: DEMO.communityA,
        });
        if (items.some((r) => r.userId === resident.userId)) matching.push(`${digit}${known}`);
      }
      expect(matching, `guessing digit ${position + 1} of the hidden middle`).toEqual([]);
      known = phone.slice(-(5 + position));
    }
  });
});
