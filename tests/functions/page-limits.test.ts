import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_COLLECTIONS, type MessageDoc } from '../../cloudfunctions/_core/domain/messages';
import {
  COLLECTIONS,
  type GridDoc,
  MAX_GRIDS_PER_COMMUNITY,
  type UserDoc,
} from '../../cloudfunctions/_core/domain/people';
import { MAX_CUSTOM_CATEGORIES } from '../../cloudfunctions/reports/actions/addCategory';
import { MAX_SERVICES_PER_COMMUNITY } from '../../cloudfunctions/timebank/lib/services';
import { DEMO } from '../../local/seed';
import { newResident } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { addPerson, codeOf } from './reports.support';

/**
 * Lists are answered a page at a time, or are bounded by a cap enforced where they grow. These
 * are the behaviours behind tests/budget/page-limits.test.ts, on the real handlers and store.
 */
describe('bounded lists', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  async function addResidents(count: number, nickname: (i: number) => string) {
    const now = t.clock.now().toISOString();
    for (let i = 0; i < count; i++) {
      await t.runtime.store.insert<UserDoc>(COLLECTIONS.users, {
        _id: `bulk-${String(i).padStart(5, '0')}`,
        nickname: nickname(i),
        phone: `139${String(i).padStart(8, '0')}`,
        communityId: DEMO.communityA,
        grants: [{ role: 'resident', communityId: DEMO.communityA }],
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  it('staff find any resident of a large community, a page at a time', async () => {
    // The old search read the first 1,000 residents and filtered them in the function.
    await addResidents(1_500, (i) => (i === 1_400 ? '王大爷' : `居民${i}`));
    const staff = t.as('demo-staff');
    expect((await staff.ok('reports', 'residents', { query: '王大爷' })).items.map((r) => r.userId)).toEqual([
      'bulk-01400',
    ]);
    // Phone tail (the four digits the mask shows), masked in the answer.
    const byPhone = await staff.ok('reports', 'residents', { query: '1499' });
    expect(byPhone.items).toEqual([{ userId: 'bulk-01499', name: '居民1499', phoneMasked: '139****1499' }]);
    // Paging: 居民1 matches 居民1, 居民10..19, 居民100..199, 居民1000..1499 (611 in all).
    const first = await staff.ok('reports', 'residents', { query: '居民1', limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    const second = await staff.ok('reports', 'residents', { query: '居民1', skip: 50, limit: 50 });
    expect(second.items.map((r) => r.userId)).not.toContain(first.items[0]?.userId);
    expect(codeOf(await staff.call('reports', 'residents', { query: '居民', limit: 51 }))).toBe('INVALID_INPUT');
  });

  it('a typed name is matched literally, not as a pattern', async () => {
    await addResidents(3, (i) => ['李.明', '李小明', '(刘)'][i] ?? '');
    const staff = t.as('demo-staff');
    expect((await staff.ok('reports', 'residents', { query: '李.明' })).items.map((r) => r.name)).toEqual(['李.明']);
    expect((await staff.ok('reports', 'residents', { query: '(刘' })).items.map((r) => r.name)).toEqual(['(刘)']);
    // Only residents of this community: another community's people stay out of reach.
    await addPerson(t, 'elsewhere', {
      nickname: '李.明',
      communityId: DEMO.communityB,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
    expect((await staff.ok('reports', 'residents', { query: '李.明' })).items).toHaveLength(1);
  });

  it('a community holds at most MAX_GRIDS_PER_COMMUNITY grids; renaming one at the cap still works', async () => {
    const existing = await t.runtime.store.count(COLLECTIONS.grids, { communityId: DEMO.communityA });
    for (let i = existing; i < MAX_GRIDS_PER_COMMUNITY; i++) {
      await t.runtime.store.insert<GridDoc>(COLLECTIONS.grids, {
        _id: `bulk-grid-${i}`,
        communityId: DEMO.communityA,
        name: `第${i}网格`,
      });
    }
    const admin = t.as('demo-admin');
    const extra = await admin.call('admin', 'grid.save', {
      id: 'one-too-many',
      communityId: DEMO.communityA,
      name: '超额网格',
    });
    expect(codeOf(extra)).toBe('CONFLICT');
    expect(await t.runtime.store.get(COLLECTIONS.grids, 'one-too-many')).toBeNull();
    await admin.ok('admin', 'grid.save', { id: 'bulk-grid-199', communityId: DEMO.communityA, name: '改名网格' });
    // Every grid worker of the community can still be dispatched to: one read covers the cap.
    expect(
      (await t.as('demo-staff').ok('reports', 'workers', {})).items.some((w) => w.userId === 'user-gridworker'),
    ).toBe(true);
  });

  it('a community defines at most MAX_CUSTOM_CATEGORIES categories of its own', async () => {
    const staff = t.as('demo-staff');
    for (let i = 0; i < MAX_CUSTOM_CATEGORIES; i++) {
      await staff.ok('reports', 'categories.add', { name: `自定义${i}`, responseHours: 1, resolveHours: 2 });
    }
    const over = await staff.call('reports', 'categories.add', { name: '再多一个', responseHours: 1, resolveHours: 2 });
    expect(codeOf(over)).toBe('CONFLICT');
    const list = await staff.ok('reports', 'categories.list', {});
    expect(list.items.filter((c) => c.custom)).toHaveLength(MAX_CUSTOM_CATEGORIES);
  });

  it('a city admin pages through communities', async () => {
    const admin = t.as('demo-admin');
    const all = await admin.ok('admin', 'places', {});
    expect(all.city).toBe(true);
    expect(all.hasMore).toBe(false);
    const first = await admin.ok('admin', 'places', { limit: 1 });
    const second = await admin.ok('admin', 'places', { skip: 1, limit: 1 });
    expect(first.hasMore).toBe(true);
    expect([...first.communities, ...second.communities].map((c) => c.id)).toEqual(all.communities.map((c) => c.id));
  });

  it('a helper with many principals sees them a page at a time', async () => {
    for (let i = 0; i < 25; i++) {
      await addPerson(t, `elder-${i}`, {
        nickname: `老人${i}`,
        grants: [{ role: 'resident', communityId: DEMO.communityA }],
      });
      await t.as(`elder-${i}`).ok('identity', 'proxy.grant', { agentUserId: 'user-gridworker', scopes: ['reports'] });
    }
    const worker = t.as('demo-gridworker');
    const first = await worker.ok('identity', 'proxy.list', {});
    expect(first.received).toHaveLength(20);
    expect(first.hasMore).toBe(true);
    const rest = await worker.ok('identity', 'proxy.list', { skip: 20 });
    expect(rest.hasMore).toBe(false);
    expect(new Set([...first.received, ...rest.received].map((g) => g.userId)).size).toBeGreaterThanOrEqual(25);
  });

  it('an activity’s roll, waiting list included, comes a page at a time in sign-up order', async () => {
    const now = t.clock.now().getTime();
    const activity = await t.as('demo-staff').ok('timebank', 'activity.create', {
      title: '敬老院探访',
      description: '陪老人聊天',
      place: '小巷社区敬老院',
      startsAt: new Date(now + 3_600_000).toISOString(),
      endsAt: new Date(now + 7_200_000).toISOString(),
      slots: 2,
      skills: [],
    });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { session } = await newResident(t, `roll-${i}`);
      names.push(`志愿者${i}`);
      await session.ok('timebank', 'volunteer.register', {
        realName: `志愿者${i}`,
        skills: [],
        availability: '周末',
        consent: true,
      });
      await session.ok('timebank', 'activity.signUp', { activityId: activity.id });
      t.clock.advance(1_000);
    }
    const pages = [];
    for (let skip = 0; ; skip += 2) {
      const page = await t
        .as('demo-staff')
        .ok('timebank', 'attendance.list', { activityId: activity.id, skip, limit: 2 });
      pages.push(page);
      if (!page.hasMore) break;
    }
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const roll = pages.flatMap((p) => p.items);
    expect(roll.map((r) => r.name)).toEqual(names);
    expect(roll.map((r) => r.status)).toEqual(['signed', 'signed', 'waiting', 'waiting', 'waiting']);
  });

  it('the certificate lists confirmed activities a page at a time; the totals stay whole', async () => {
    const volunteer = t.as('demo-volunteer');
    const first = await volunteer.ok('timebank', 'certificate', { limit: 2 });
    const rest = await volunteer.ok('timebank', 'certificate', { skip: 2, limit: 2 });
    expect([first.items.length, first.hasMore, rest.items.length, rest.hasMore]).toEqual([2, true, 1, false]);
    expect([...first.items, ...rest.items].reduce((sum, i) => sum + i.minutes, 0)).toBe(
      first.volunteer.confirmedMinutes,
    );
  });

  it('a community offers at most MAX_SERVICES_PER_COMMUNITY services; editing one at the cap still works', async () => {
    const staff = t.as('demo-staff');
    const existing = (await staff.ok('timebank', 'service.list', { includeInactive: true })).items;
    for (let i = existing.length; i < MAX_SERVICES_PER_COMMUNITY; i++) {
      await staff.ok('timebank', 'service.save', { name: `服务项目${i}`, points: 5 });
    }
    expect(codeOf(await staff.call('timebank', 'service.save', { name: '再加一项', points: 5 }))).toBe('CONFLICT');
    const all = await staff.ok('timebank', 'service.list', { includeInactive: true });
    expect(all.items).toHaveLength(MAX_SERVICES_PER_COMMUNITY);
    const first = all.items[0];
    if (!first) throw new Error('no service');
    await staff.ok('timebank', 'service.save', { serviceId: first.id, name: first.name, points: 6 });
  });

  it('messages created at the same instant page without repeats or gaps (a unique last sort key)', async () => {
    const at = t.clock.now().toISOString();
    // Inserted out of id order, all with one timestamp. The embedded store breaks ties by _id on its
    // own; CloudBase does not, which is why the actions name _id as their last sort key.
    for (const n of [
      17, 3, 29, 11, 0, 23, 5, 14, 26, 8, 20, 2, 28, 9, 16, 1, 24, 12, 6, 19, 27, 4, 13, 22, 7, 18, 25, 10, 15, 21,
    ]) {
      await t.runtime.store.insert<MessageDoc>(MESSAGE_COLLECTIONS.messages, {
        _id: `same-instant-${String(n).padStart(2, '0')}`,
        userId: 'user-staff',
        kind: 'general',
        title: `通知${n}`,
        body: '同一时刻发出的通知。',
        link: null,
        createdAt: at,
        readAt: null,
      });
    }
    const staff = t.as('demo-staff');
    const seen: string[] = [];
    for (let skip = 0; ; skip += 7) {
      const page = await staff.ok('inbox', 'list', { skip, limit: 7 });
      seen.push(...page.items.map((m) => m.id).filter((id) => id.startsWith('same-instant-')));
      if (!page.hasMore) break;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(30);
  });
});
