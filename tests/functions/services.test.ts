import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { MessageDoc } from '../../cloudfunctions/_core/domain/messages';
import type { ApplicationDoc, SealEntryDoc } from '../../cloudfunctions/_core/domain/services';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { photo } from './reports.support';

const RESIDENCE = 'svc-residence-xiaoxiang';
const SEAL = 'seal-form-xiaoxiang';
const HOUR = 3_600_000;

let t: TestRuntime;
let key = 0;
const nextKey = () => `svc-test-key-${++key}`;
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);

const messagesOf = (userId: string) =>
  t.runtime.store.find<MessageDoc>('messages', { userId }, { orderBy: [['createdAt', 'asc']], limit: 100 });
const auditOf = (id: string) =>
  t.runtime.store.find<AuditDoc>('audit', { 'target.id': id }, { orderBy: [['at', 'asc']], limit: 100 });

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

describe('service window catalogue', () => {
  it('lists the seeded statutory, resident-service and seal items with materials, fee, limit and place', async () => {
    const { items } = await t.as('demo-resident').ok('services', 'catalogue', {});
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['statutory', 'resident', 'seal']));
    const residence = items.find((i) => i.id === RESIDENCE);
    expect(residence).toMatchObject({ name: '居住证明', feeLabel: '免费', timeLimitDays: 3 });
    expect(residence?.materials).toContain('居民身份证');
    expect(residence?.collectAt).toContain('便民服务窗口');
    expect(items.map((i) => i.name)).toEqual(expect.arrayContaining(['低保申请', '老年人优待证', '证明材料盖章']));
  });

  it('only staff of the community change an item, and it is audited', async () => {
    const input = {
      id: 'svc-test-item',
      communityId: 'community-xiaoxiang',
      kind: 'resident' as const,
      name: '助残服务预约',
      materials: ['居民身份证'],
      fee: 0,
      timeLimitDays: 5,
      collectAt: '社区服务窗口',
    };
    expect(code(await t.as('demo-resident').call('services', 'item.save', input))).toBe('FORBIDDEN');
    expect(code(await t.as('demo-admin').call('services', 'item.save', { ...input, fee: -1 }))).toBe('INVALID_INPUT');
    expect(await t.runtime.store.get('service_items', 'svc-test-item')).toBeNull();
    await t.as('demo-staff').ok('services', 'item.save', input);
    expect((await auditOf('svc-test-item')).map((a) => a.action)).toEqual(['services.item.save']);
  });
});

describe('journey: a residence certificate with a 补正', () => {
  let appId = '';

  it('the resident applies with photos of two of the three materials', async () => {
    const id = await photo(t);
    const book = await photo(t);
    const app = await t.as('demo-resident').ok('services', 'apply', {
      itemId: RESIDENCE,
      materials: [
        { name: '居民身份证', fileIds: [id] },
        { name: '户口簿或房屋产权证明', fileIds: [book] },
      ],
      note: '孩子入学用',
      key: nextKey(),
    });
    appId = app.id;
    expect(app.status).toBe('submitted');
    const { items } = await t.as('demo-staff').ok('services', 'queue', {});
    expect(items.map((i) => i.id)).toContain(appId);
    // The window sees the applicant, with the phone masked and no pickup code.
    const mineInQueue = items.find((i) => i.id === appId);
    expect(mineInQueue?.applicant?.phone).toMatch(/\*{4}/);
  });

  it('staff ask for the missing rental contract; the resident is told exactly what is missing', async () => {
    expect(
      code(
        await t
          .as('demo-staff')
          .call('services', 'supplement', { applicationId: appId, missing: ['结婚证'], note: '请补交' }),
      ),
    ).toBe('INVALID_INPUT');
    const app = await t.as('demo-staff').ok('services', 'supplement', {
      applicationId: appId,
      missing: ['租房合同（租住的提供）'],
      note: '您登记为租住，请补交租房合同照片。',
    });
    expect(app.status).toBe('supplement');
    t.clock.advance(HOUR);
    const told = (await messagesOf('user-resident')).filter((m) => m.title === '请补交材料');
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('租房合同');
    expect(told[0]?.link).toContain(appId);
  });

  it('supplying something else is refused and changes nothing; supplying the contract sends it back', async () => {
    const other = await photo(t);
    const refused = await t.as('demo-resident').call('services', 'supply', {
      applicationId: appId,
      materials: [{ name: '居民身份证', fileIds: [other] }],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('租房合同') },
    });
    expect((await t.runtime.store.get<ApplicationDoc>('service_applications', appId))?.status).toBe('supplement');
    // Not someone else's application.
    expect(
      code(
        await t
          .as('demo-volunteer')
          .call('services', 'supply', { applicationId: appId, materials: [{ name: '居民身份证', fileIds: [other] }] }),
      ),
    ).toBe('NOT_FOUND');
    const contract = await photo(t);
    const app = await t.as('demo-resident').ok('services', 'supply', {
      applicationId: appId,
      materials: [{ name: '租房合同（租住的提供）', fileIds: [contract] }],
    });
    expect(app.status).toBe('submitted');
    t.clock.advance(HOUR);
    expect(app.materials.map((m) => m.name).sort()).toEqual(
      ['居民身份证', '户口簿或房屋产权证明', '租房合同（租住的提供）'].sort(),
    );
  });

  it('accept starts the 3-day limit; approve gives the resident a pickup code; collect closes it once', async () => {
    const accepted = await t.as('demo-staff').ok('services', 'accept', { applicationId: appId });
    expect(accepted.status).toBe('accepted');
    expect(Date.parse(accepted.dueAt ?? '') - Date.parse(accepted.acceptedAt ?? '')).toBe(3 * 24 * HOUR);
    t.clock.advance(20 * HOUR);
    const approved = await t.as('demo-staff').ok('services', 'approve', { applicationId: appId });
    expect(approved.status).toBe('approved');
    // The clerk does not see the code; the resident does.
    expect(approved.pickupCode).toBeNull();
    const mine = await t.as('demo-resident').ok('services', 'detail', { applicationId: appId });
    const pickupCode = mine.application.pickupCode as string;
    expect(pickupCode).toMatch(/^\d{6}$/);
    const told = (await messagesOf('user-resident')).find((m) => m.title === '已办结，请领取');
    expect(told?.body).toContain(pickupCode);

    expect(
      code(
        await t
          .as('demo-staff')
          .call('services', 'collect', { pickupCode: pickupCode === '000000' ? '000001' : '000000' }),
      ),
    ).toBe('NOT_FOUND');
    t.clock.advance(HOUR);
    const collected = await t.as('demo-staff').ok('services', 'collect', { pickupCode });
    expect(collected.status).toBe('collected');
    expect(code(await t.as('demo-staff').call('services', 'collect', { pickupCode }))).toBe('NOT_FOUND');

    const steps = (
      await t.as('demo-resident').ok('services', 'detail', { applicationId: appId })
    ).application.events.map((e) => e.step);
    expect(steps).toEqual(['submit', 'supplement', 'supply', 'accept', 'approve', 'collect']);
    expect((await auditOf(appId)).map((a) => a.action)).toEqual([
      'services.supplement',
      'services.accept',
      'services.approve',
      'services.collect',
    ]);
    // Told at every step the window took.
    const titles = (await messagesOf('user-resident')).map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['请补交材料', '申请已受理', '已办结，请领取', '已领取']));
  });

  it('figures count it as finished on time', async () => {
    const { items } = await t.as('demo-staff').ok('services', 'figures', {});
    const row = items.find((i) => i.itemId === RESIDENCE);
    // The seeded certificate plus this one, both within the limit.
    expect(row).toMatchObject({ applications: 2, finished: 2, onTime: 2, open: 0 });
    expect(row?.avgHoursToFinish).toBeGreaterThan(0);
    expect(code(await t.as('demo-resident').call('services', 'figures', {}))).toBe('FORBIDDEN');
  });
});

describe('seal use and the register', () => {
  it('an approved seal use is written to the register, readable by the 乡贤 and staff only', async () => {
    const doc = await photo(t);
    const idCard = await photo(t);
    expect(
      code(
        await t.as('demo-resident').call('services', 'apply', {
          itemId: SEAL,
          materials: [{ name: '居民身份证', fileIds: [idCard] }],
          key: nextKey(),
        }),
      ),
    ).toBe('INVALID_INPUT');
    const app = await t.as('demo-resident').ok('services', 'apply', {
      itemId: SEAL,
      materials: [
        { name: '居民身份证', fileIds: [idCard] },
        { name: '需盖章的证明材料', fileIds: [doc] },
      ],
      document: '城乡居民医保报销申请表',
      purpose: '报销住院费用',
      key: nextKey(),
    });
    await t.as('demo-staff').ok('services', 'accept', { applicationId: app.id });
    await t.as('demo-staff').ok('services', 'approve', { applicationId: app.id });
    const register = await t.as('demo-sage').ok('services', 'seals', {});
    expect(register.items[0]).toMatchObject({
      applicationId: app.id,
      document: '城乡居民医保报销申请表',
      purpose: '报销住院费用',
      applicant: '张阿姨',
      approvedBy: '陈书记',
    });
    const entries = await t.runtime.store.find<SealEntryDoc>('seal_register', { applicationId: app.id }, { limit: 5 });
    expect(entries).toHaveLength(1);
    for (const who of ['demo-resident', 'demo-volunteer', 'demo-gridworker']) {
      expect(code(await t.as(who).call('services', 'seals', {})), who).toBe('FORBIDDEN');
    }
    // The admin of the whole street may read it; a staff member of another community may not.
    expect(code(await t.as('demo-admin').call('services', 'seals', { communityId: 'community-xiaoxiang' }))).toBe('ok');
  });
});

describe('rules of the window', () => {
  it('refusal needs a reason, is told and is final', async () => {
    const id = await photo(t, 'demo-volunteer');
    const app = await t.as('demo-volunteer').ok('services', 'apply', {
      itemId: 'svc-elderly-card-xiaoxiang',
      materials: [{ name: '居民身份证', fileIds: [id] }],
      key: nextKey(),
    });
    expect(code(await t.as('demo-staff').call('services', 'refuse', { applicationId: app.id, reason: '' }))).toBe(
      'INVALID_INPUT',
    );
    await t.as('demo-staff').ok('services', 'refuse', { applicationId: app.id, reason: '申请人未满 60 周岁' });
    const told = (await messagesOf('user-volunteer')).find((m) => m.title === '申请不予办理');
    expect(told?.body).toContain('未满 60 周岁');
    expect(code(await t.as('demo-staff').call('services', 'accept', { applicationId: app.id }))).toBe('CONFLICT');
    expect(code(await t.as('demo-staff').call('services', 'approve', { applicationId: app.id }))).toBe('CONFLICT');
  });

  it('nobody handles their own application', async () => {
    const id = await photo(t, 'demo-staff');
    const app = await t.as('demo-staff').ok('services', 'apply', {
      itemId: 'svc-pension-check-xiaoxiang',
      materials: [{ name: '居民身份证', fileIds: [id] }],
      key: nextKey(),
    });
    expect(code(await t.as('demo-staff').call('services', 'accept', { applicationId: app.id }))).toBe('FORBIDDEN');
    expect((await t.runtime.store.get<ApplicationDoc>('service_applications', app.id))?.status).toBe('submitted');
  });

  it('bad input writes nothing: unknown material, missing photo, another community, same key twice', async () => {
    const before = await t.runtime.store.count('service_applications', {});
    const id = await photo(t);
    const k = nextKey();
    const bad = [
      { itemId: RESIDENCE, materials: [{ name: '结婚证', fileIds: [id] }], key: nextKey() },
      {
        itemId: RESIDENCE,
        materials: [{ name: '居民身份证', fileIds: ['local://0123456789abcdef01234567.jpg'] }],
        key: nextKey(),
      },
      { itemId: RESIDENCE, materials: [{ name: '居民身份证', fileIds: [id] }], document: '不需要', key: nextKey() },
      { itemId: 'nope', materials: [], key: nextKey() },
    ];
    for (const payload of bad) {
      const res = await t.as('demo-resident').call('services', 'apply', payload);
      expect(res.ok, JSON.stringify(payload)).toBe(false);
      if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // demo-admin lives in 翠峰社区: 潇湘's items are not theirs to apply for.
    expect(
      code(await t.as('demo-admin').call('services', 'apply', { itemId: RESIDENCE, materials: [], key: nextKey() })),
    ).toBe('FORBIDDEN');
    expect(await t.runtime.store.count('service_applications', {})).toBe(before);
    const first = await t
      .as('demo-resident')
      .ok('services', 'apply', { itemId: RESIDENCE, materials: [{ name: '居民身份证', fileIds: [id] }], key: k });
    const again = await t
      .as('demo-resident')
      .ok('services', 'apply', { itemId: RESIDENCE, materials: [{ name: '居民身份证', fileIds: [id] }], key: k });
    expect(again.id).toBe(first.id);
    expect(await t.runtime.store.count('service_applications', {})).toBe(before + 1);
  });

  it('others cannot read an application; the window of another community cannot handle it', async () => {
    const [app] = (await t.as('demo-resident').ok('services', 'mine', {})).items;
    expect(code(await t.as('demo-volunteer').call('services', 'detail', { applicationId: app?.id ?? '' }))).toBe(
      'NOT_FOUND',
    );
    expect(code(await t.as('demo-gridworker').call('services', 'accept', { applicationId: app?.id ?? '' }))).toBe(
      'FORBIDDEN',
    );
  });
});
