/**
 * Finding 6 and the erasure property: a value planted in every personal field through the real
 * actions is found nowhere in the store after identity.deleteMyAccount. The scan reads every table
 * of the SQLite file and every string in it, not just the fields domain/personal-data.ts lists, so
 * a new field that copies a name, phone or address somewhere unlisted makes this test fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import { sinkAccount, userAccount } from '../../cloudfunctions/_core/domain/ledger/accounts';
import { PERSONAL_RECORDS } from '../../cloudfunctions/_core/domain/personal-data';
import { balanceOf } from '../../cloudfunctions/_core/ledger';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';
import { DEMO } from '../../local/seed';
import { newGoods } from '../greencoin/support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { everyDocument } from '../support/store-scan';

const OPENID = 'erase-me';
/** Distinctive values, one per personal field; none occurs in the seed. */
const PLANTED = {
  nickname: '独一昵称Qx7',
  phone: '13987650123',
  realName: '独一实名甲',
  skill: '独一技能己',
  availability: '独一可服务时间戊',
  contactName: '独一联系人乙',
  contactPhone: '13987650456',
  unitAddress: '独一路七号院丙',
  unitNote: '独一备注庚',
  reportAddress: '独一上报地址丁',
  latitude: '28.1234567',
  longitude: '112.9876543',
  serviceNote: '独一办事备注辛',
  sageStatement: '独一个人陈述壬：在本社区居住多年，愿意监督社区财务公开和工程项目。',
  referenceName: '独一推荐人癸',
  referencePhone: '13987650789',
} as const;

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

const where = (docs: ReturnType<typeof everyDocument>, value: string) =>
  docs.filter((d) => d.doc.includes(value) || d.id.includes(value)).map((d) => `${d.table}/${d.id}`);

describe('erasure leaves no personal data anywhere in the store (finding 6)', () => {
  let t: TestRuntime;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-erasure-'));
    t = await startTestRuntime({ dataDir });
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The person, with a value in every personal field, each put there by the real action. */
  async function plant() {
    const me = t.as(OPENID);
    await me.ok('identity', 'acceptPrivacy', { version: (await me.ok('identity', 'me', {})).privacy.currentVersion });
    await me.ok('identity', 'joinCommunity', { communityId: DEMO.communityA, gridId: DEMO.gridA1 });
    const profile = await me.ok('identity', 'updateProfile', { nickname: PLANTED.nickname, phone: PLANTED.phone });
    const userId = profile.userId;
    await me.ok('timebank', 'volunteer.register', {
      realName: PLANTED.realName,
      skills: [PLANTED.skill],
      availability: PLANTED.availability,
      consent: true,
    });
    const unit = await me.ok('safety', 'apply', {
      type: 'family',
      name: '测试之家',
      address: PLANTED.unitAddress,
      gridId: DEMO.gridA1,
      contactName: PLANTED.contactName,
      contactPhone: PLANTED.contactPhone,
      note: PLANTED.unitNote,
    });
    const photo = await t.runtime.files.save({ bytes: JPEG, contentType: 'image/jpeg', ownerId: OPENID });
    const report = await me.ok('reports', 'submit', {
      category: 'environment',
      description: '小区门口的垃圾桶满了好几天没人清运',
      photos: [photo],
      location: {
        address: PLANTED.reportAddress,
        latitude: Number(PLANTED.latitude),
        longitude: Number(PLANTED.longitude),
      },
      anonymous: false,
      // Through the idempotency records too: a cached answer must not keep the address.
      idempotencyKey: 'erasure-report-1',
    });
    await me.ok('deliberation', 'topic.propose', {
      title: '楼道灯光太暗建议更换',
      body: '晚上回家看不清台阶，希望换成感应灯。',
    });
    // Staff award coins: the cached idempotent answer names the person.
    await t.as('demo-staff').ok('greencoin', 'award', {
      userId,
      lineId: 'env-1',
      note: '垃圾分类做得好',
      idempotencyKey: 'erasure-award-1',
    });
    // 代办: the helper's inbox gets a message with the person's nickname in its title.
    await me.ok('identity', 'proxy.grant', { agentUserId: 'user-volunteer', scopes: ['reports'] });
    // 为民服务: an application with a note and a material photo.
    const idCard = await t.runtime.files.save({ bytes: JPEG, contentType: 'image/jpeg', ownerId: OPENID });
    const service = await me.ok('services', 'apply', {
      itemId: 'svc-residence-xiaoxiang',
      materials: [{ name: '居民身份证', fileIds: [idCard] }],
      note: PLANTED.serviceNote,
      key: 'erasure-service-1',
    });
    // 乡贤 application: a statement and a reference's name and phone.
    const sage = await me.ok('sages', 'apply', {
      statement: PLANTED.sageStatement,
      references: [{ name: PLANTED.referenceName, relation: '老邻居', phone: PLANTED.referencePhone }],
    });
    // A named tip: its content stays (evidence), the link to the person goes.
    const tip = await me.ok('tips', 'submit', {
      scheme: 'safety',
      content: '地下车库消防栓被杂物堵住，已持续一周。',
      anonymous: false,
      key: 'erasure-tip-1',
    });
    const goodsId = await newGoods(t, { price: 1, stock: 5, name: '环保袋' });
    const redemption = await me.ok('greencoin', 'redeem.request', {
      goodsId,
      quantity: 1,
      idempotencyKey: 'erasure-redeem-1',
    });
    return {
      userId,
      unitId: unit.id,
      photo,
      idCard,
      reportId: report.id,
      goodsId,
      redemptionId: redemption.id,
      serviceId: service.id,
      sageId: sage.id,
      tipId: tip.tip.id,
    };
  }

  it('export covers the 平安细胞 application and the volunteer record', async () => {
    const planted = await plant();
    const exported = await t.as(OPENID).ok('identity', 'exportMyData', {});
    expect(exported.records.tb_volunteers?.items).toEqual([
      expect.objectContaining({ _id: planted.userId, realName: PLANTED.realName, availability: PLANTED.availability }),
    ]);
    expect(exported.records.safety_units?.items).toEqual([
      expect.objectContaining({ _id: planted.unitId, contactName: PLANTED.contactName, address: PLANTED.unitAddress }),
    ]);
    expect(exported.records.safety_units?.label).toBe('平安细胞申请');
    expect(exported.records.tb_volunteers?.label).toBe('志愿者登记');
  });

  it('every planted value is found before erasure and nowhere after, in any collection', async () => {
    const planted = await plant();
    const file = path.join(dataDir, 'gongzhi.sqlite');
    const before = everyDocument(file);
    // The plant reached the store (else the scan after proves nothing).
    for (const [field, value] of Object.entries(PLANTED)) expect(where(before, value), field).not.toEqual([]);
    expect(where(before, planted.photo)).not.toEqual([]);

    expect(await t.as(OPENID).ok('identity', 'deleteMyAccount', { confirm: '注销' })).toEqual({ erased: true });

    const after = everyDocument(file);
    const leftovers = Object.fromEntries(
      ([...Object.entries(PLANTED), ['photo', planted.photo], ['openid', OPENID]] as Array<[string, string]>)
        .map(([field, value]) => [field, where(after, value)] as const)
        .filter(([, found]) => found.length > 0),
    );
    expect(leftovers).toEqual({});
    expect(await t.runtime.files.exists(planted.photo)).toBe(false);
    expect(where(after, planted.idCard)).toEqual([]);
    expect(await t.runtime.files.exists(planted.idCard)).toBe(false);
    // The application records stay, without what was personal in them.
    expect(await t.runtime.store.get('service_applications', planted.serviceId)).toMatchObject({
      note: '',
      materials: [],
    });
    expect(await t.runtime.store.get('sage_applications', planted.sageId)).toMatchObject({
      statement: '',
      references: [],
    });
    // The tip is kept as evidence, no longer linked to the person.
    expect(await t.runtime.store.get('tips', planted.tipId)).toMatchObject({
      content: '地下车库消防栓被杂物堵住，已持续一周。',
      tipsterUserId: null,
    });
    // What stays, stays anonymous: the report is still the community's record.
    const report = await t.runtime.store.get<{ _id: string; description: string; reporterUserId: string }>(
      'reports',
      planted.reportId,
    );
    expect(report).toMatchObject({ description: '小区门口的垃圾桶满了好几天没人清运', reporterUserId: planted.userId });
  });

  it('a pending redemption of an erased person is voided, coins and stock back, and staff cannot approve it', async () => {
    const planted = await plant();
    const stockBefore = (await t.as('demo-staff').ok('greencoin', 'goods.list', {})).items.find(
      (g) => g.id === planted.goodsId,
    );
    expect(stockBefore).toMatchObject({ reserved: 1 });
    await t.as(OPENID).ok('identity', 'deleteMyAccount', { confirm: '注销' });

    const approve = await t
      .as('demo-staff')
      .call('greencoin', 'redeem.approve', { redemptionId: planted.redemptionId });
    expect(approve.ok === false && approve.error.code).toBe('CONFLICT');
    const doc = await t.runtime.store.get<{ _id: string; status: string }>('gc_redemptions', planted.redemptionId);
    expect(doc?.status).toBe('cancelled');
    const goods = (await t.as('demo-staff').ok('greencoin', 'goods.list', {})).items.find(
      (g) => g.id === planted.goodsId,
    );
    expect(goods).toMatchObject({ stock: 5, reserved: 0 });
    const account = await t.runtime.store.get<{ _id: string; held: number }>(
      'ledger_accounts',
      userAccount('GC', planted.userId),
    );
    expect(account).not.toBeNull();
    expect(account?.held).toBe(0);
  });

  it("open work in the person's name ends with them: service and 乡贤 applications cancelled, an uncollected tip reward forfeited", async () => {
    const planted = await plant();
    // The 乡贤 application passed review: still open, awaiting the street.
    await t.as('demo-staff').ok('sages', 'review', {
      applicationId: planted.sageId,
      checks: ['integrity', 'roots', 'standing', 'ability', 'independence'].map((standardId) => ({
        standardId,
        met: true,
      })),
      note: '经走访核实，符合条件',
    });
    // The named tip is graded and approved: 1000 RW wait on the person's reward account.
    await t.as('demo-tipofficer').ok('tips', 'grade', { tipId: planted.tipId, levelId: 'l2', note: '核查属实' });
    await t.as('demo-tipchecker').ok('tips', 'approve', { tipId: planted.tipId, key: 'erasure-approve-1' });
    const rewardAccount = userAccount('RW', planted.userId);
    expect((await balanceOf(t.runtime.store, rewardAccount)).balance).toBe(1000);
    // A second named tip still being graded.
    const pending = await t.as(OPENID).ok('tips', 'submit', {
      scheme: 'crime',
      content: '某娱乐场所有人长期放高利贷并暴力催收。',
      anonymous: false,
      key: 'erasure-tip-2',
    });
    const sinkBefore = (await balanceOf(t.runtime.store, sinkAccount('RW', DEMO.communityA))).balance;

    await t.as(OPENID).ok('identity', 'deleteMyAccount', { confirm: '注销' });

    const service = await t.runtime.store.get<{ _id: string; status: string; events: Array<{ step: string }> }>(
      'service_applications',
      planted.serviceId,
    );
    expect(service?.status).toBe('cancelled');
    expect(service?.events.at(-1)?.step).toBe('cancel');
    const accept = await t.as('demo-staff').call('services', 'accept', { applicationId: planted.serviceId });
    expect(accept.ok === false && accept.error.code).toBe('CONFLICT');

    expect(await t.runtime.store.get('sage_applications', planted.sageId)).toMatchObject({ status: 'withdrawn' });
    const decide = await t.as('demo-admin').call('sages', 'decide', {
      applicationId: planted.sageId,
      appoint: true,
      decisionNo: '南街发〔2026〕9 号',
      reason: '同意聘任',
      stationId: 'station-xiaoxiang',
    });
    expect(decide.ok === false && decide.error.code).toBe('CONFLICT');

    // Forfeited, not claimable: nothing left proves who the named tipster was.
    expect(await t.runtime.store.get('tips', planted.tipId)).toMatchObject({
      status: 'forfeited',
      tipsterUserId: null,
    });
    expect((await balanceOf(t.runtime.store, rewardAccount)).balance).toBe(0);
    expect((await balanceOf(t.runtime.store, sinkAccount('RW', DEMO.communityA))).balance).toBe(sinkBefore + 1000);
    const payout = await t.as('demo-tipofficer').call('tips', 'payout', { tipId: planted.tipId });
    expect(payout.ok === false && payout.error.code).toBe('CONFLICT');

    // The tip still being graded: decided later, its reward goes to no one.
    await t.as('demo-tipofficer').ok('tips', 'grade', { tipId: pending.tip.id, levelId: 'l3', note: '线索属实' });
    const approved = await t
      .as('demo-tipchecker')
      .ok('tips', 'approve', { tipId: pending.tip.id, key: 'erasure-approve-2' });
    expect(approved.status).toBe('forfeited');
    expect(await t.runtime.store.get('tips', pending.tip.id)).toMatchObject({ postingId: null, tipsterUserId: null });
    expect((await balanceOf(t.runtime.store, userAccount('RW', `tip-${pending.tip.id}`))).balance).toBe(0);

    const audit = await t.runtime.store.find<AuditDoc>('audit', { actorUserId: planted.userId }, { limit: 100 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['services.cancel', 'sages.withdraw', 'tips.forfeit']),
    );
  });

  it('personal-data.ts lists each collection once per owner field, and every owner field it queries is indexed', () => {
    const keys = PERSONAL_RECORDS.map((r) => `${r.collection}.${r.ownerField}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const record of PERSONAL_RECORDS) {
      if (record.erasure === 'keep' && !record.exportLabel) continue;
      if (record.ownerField === '_id') continue;
      const indexed = INDEXES.some((i) => i.collection === record.collection && i.fields[0]?.[0] === record.ownerField);
      expect(indexed, `${record.collection}.${record.ownerField}`).toBe(true);
    }
  });
});
