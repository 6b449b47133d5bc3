import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDoc } from '../../cloudfunctions/_core/domain/audit';
import type { EntryDoc } from '../../cloudfunctions/_core/domain/ledger';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import type { TipDoc } from '../../cloudfunctions/_core/domain/tips';
import { balanceOf } from '../../cloudfunctions/_core/ledger';
import { PERSONAS } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { photo } from './reports.support';

const OFFICER = 'demo-tipofficer';
const CHECKER = 'demo-tipchecker';

let t: TestRuntime;
let n = 0;
const key = () => `tip-test-key-${++n}`;
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error?.code);
const readsOf = async (tipId: string) =>
  (await t.runtime.store.find<AuditDoc>('audit', { 'target.id': tipId }, { limit: 100 })).filter(
    (a) => a.action === 'tips.read',
  );

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

describe('a named tip: reaches only its officers, graded, approved by a second officer, paid once', () => {
  let tipId = '';

  it('a resident files a 安全生产 tip with a photo; they see it in their own list', async () => {
    const p = await photo(t);
    const res = await t.as('demo-resident').ok('tips', 'submit', {
      scheme: 'safety',
      content: '翠峰路 18 号小作坊在居民楼一层违规存放大量液化气罐，晚上还有人加工。',
      place: '翠峰路 18 号',
      photos: [p],
      anonymous: false,
      key: key(),
    });
    tipId = res.tip.id;
    expect(res.claimCode).toBeNull();
    const mine = await t.as('demo-resident').ok('tips', 'mine', {});
    expect(mine.items.map((i) => i.id)).toEqual([tipId]);
    expect(mine.items[0]?.reward).toBeNull();
  });

  it('no persona sees it: grid worker, staff, 乡贤, even the admin are refused at the desk', async () => {
    for (const persona of PERSONAS) {
      for (const [action, payload] of [
        ['queue', {}],
        ['detail', { tipId }],
        ['grade', { tipId, levelId: 'l1', note: '核查属实' }],
        ['approve', { tipId, key: key() }],
        ['payout', { tipId }],
      ] as const) {
        expect(
          code(await t.as(persona.openid).call('tips', action, payload as never)),
          `${persona.openid} ${action}`,
        ).toBe('FORBIDDEN');
      }
      // Their own lists never contain it unless they sent it.
      const mine = await t.as(persona.openid).ok('tips', 'mine', {});
      expect(mine.items.some((i) => i.id === tipId)).toBe(persona.openid === 'demo-resident');
    }
    expect(await readsOf(tipId)).toHaveLength(0);
  });

  it('an officer of another scheme cannot even learn it exists', async () => {
    const crimeOnly = 'wx-tip-crime-officer';
    await t.as(crimeOnly).ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    const userId = (await t.runtime.store.get<{ _id: string; userId: string }>('identities', crimeOnly))
      ?.userId as string;
    await t.as('demo-admin').ok('tips', 'officer.grant', { userId, scheme: 'crime' });
    expect(code(await t.as(crimeOnly).call('tips', 'detail', { tipId }))).toBe('NOT_FOUND');
    const q = await t.as(crimeOnly).ok('tips', 'queue', {});
    expect(q.items.some((i) => i.id === tipId)).toBe(false);
    // Only a street-wide admin designates; a staff member cannot.
    expect(code(await t.as('demo-staff').call('tips', 'officer.grant', { userId, scheme: 'safety' }))).toBe(
      'FORBIDDEN',
    );
    // Nor through the general role grant.
    expect(
      code(
        await t
          .as('demo-admin')
          .call('admin', 'role.grant', { userId, role: 'tip_officer', communityId: 'community-xiaoxiang' }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('the officer’s list has no content or identity; reading it is logged, every time', async () => {
    const q = await t.as(OFFICER).ok('tips', 'queue', {});
    const row = q.items.find((i) => i.id === tipId);
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain('液化气');
    expect(JSON.stringify(row)).not.toContain('13800000001');
    const d1 = await t.as(OFFICER).ok('tips', 'detail', { tipId });
    expect(d1.content).toContain('液化气罐');
    expect(d1.tipster).toEqual({ nickname: '张阿姨', phone: '13800000001' });
    await t.as(CHECKER).ok('tips', 'detail', { tipId });
    const reads = await readsOf(tipId);
    expect(reads.map((r) => r.actorUserId).sort()).toEqual(['user-tipchecker', 'user-tipofficer']);
  });

  it('grading uses the scheme’s published levels; the grader cannot approve; nothing is paid before approval', async () => {
    expect(code(await t.as(OFFICER).call('tips', 'grade', { tipId, levelId: 'l9', note: '核查属实' }))).toBe(
      'INVALID_INPUT',
    );
    await t.as(OFFICER).ok('tips', 'grade', { tipId, levelId: 'l1', note: '经应急局核查属实，属重大事故隐患' });
    expect(code(await t.as(OFFICER).call('tips', 'grade', { tipId, levelId: 'l2', note: '再评' }))).toBe('CONFLICT');
    expect(code(await t.as(OFFICER).call('tips', 'approve', { tipId, key: key() }))).toBe('FORBIDDEN');
    expect((await balanceOf(t.runtime.store, 'RW:user:user-resident')).balance).toBe(0);
    // The tipster does not see an unapproved grade.
    const mine = await t.as('demo-resident').ok('tips', 'mine', {});
    expect(mine.items[0]).toMatchObject({ reward: null, levelLabel: null, statusLabel: '已受理，核查中' });
  });

  it('the second officer approves: 3000 yuan on the tipster’s reward account, once, told to them only', async () => {
    const k = key();
    await t.as(CHECKER).ok('tips', 'approve', { tipId, key: k });
    // The same request replays; a new one is refused; the money moved once.
    await t.as(CHECKER).ok('tips', 'approve', { tipId, key: k });
    expect(code(await t.as(CHECKER).call('tips', 'approve', { tipId, key: key() }))).toBe('CONFLICT');
    expect(await balanceOf(t.runtime.store, 'RW:user:user-resident')).toMatchObject({ balance: 3000 });
    // Apart from green coins: the reward is not spendable in the supermarket.
    expect((await balanceOf(t.runtime.store, 'GC:user:user-resident')).balance).not.toBe(3000);
    const entries = await t.runtime.store.find<EntryDoc>(
      'ledger_entries',
      { accountId: 'RW:user:user-resident' },
      { limit: 10 },
    );
    expect(entries).toHaveLength(1);
    const mine = await t.as('demo-resident').ok('tips', 'mine', {});
    expect(mine.items[0]).toMatchObject({ reward: 3000, levelLabel: '一级', paidOut: false });
    const messages = await t.runtime.store.find<{ _id: string; userId: string; title: string; body: string }>(
      'messages',
      { userId: 'user-resident' },
      { limit: 100 },
    );
    expect(messages.filter((m) => m.title === '举报奖励已核发')).toHaveLength(1);
    const audit = await t.runtime.store.find<AuditDoc>('audit', { 'target.id': tipId }, { limit: 100 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['tips.grade', 'tips.approve']));
  });

  it('payout at the office moves it out once', async () => {
    await t.as(OFFICER).ok('tips', 'payout', { tipId });
    expect(code(await t.as(CHECKER).call('tips', 'payout', { tipId }))).toBe('CONFLICT');
    expect((await balanceOf(t.runtime.store, 'RW:user:user-resident')).balance).toBe(0);
    expect((await balanceOf(t.runtime.store, 'RW:sink:community-xiaoxiang')).balance).toBe(3000);
    expect((await balanceOf(t.runtime.store, 'RW:issuer:community-xiaoxiang')).balance).toBe(-3000);
  });
});

describe('an anonymous tip: no trace of the sender, followed and collected with the claim code', () => {
  let tipId = '';
  let claimCode = '';

  it('keeps no user id, refuses photos, and gives a claim code once', async () => {
    const p = await photo(t, 'demo-volunteer');
    const withPhoto = await t.as('demo-volunteer').call('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      photos: [p],
      anonymous: true,
      key: key(),
    });
    expect(withPhoto).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const before = await t.runtime.store.count('tips', {});
    const res = await t.as('demo-volunteer').ok('tips', 'submit', {
      scheme: 'crime',
      content: '有人在潇湘农贸市场强行收取摊位“保护费”，不交就砸摊。',
      anonymous: true,
      key: key(),
    });
    expect(await t.runtime.store.count('tips', {})).toBe(before + 1);
    tipId = res.tip.id;
    claimCode = res.claimCode as string;
    expect(claimCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = (await t.runtime.store.get<TipDoc>('tips', tipId)) as TipDoc;
    expect(stored.tipsterUserId).toBeNull();
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain('user-volunteer');
    expect(raw).not.toContain(claimCode);
    // No idempotency record or log line ties the sender to it.
    const idem = await t.runtime.store.find<{ _id: string; result: unknown }>('idempotency', {}, { limit: 1000 });
    expect(idem.filter((r) => JSON.stringify(r.result ?? '').includes(tipId))).toHaveLength(0);
    expect(t.logLines.filter((l) => l.includes(tipId))).toHaveLength(0);
    expect((await t.as('demo-volunteer').ok('tips', 'mine', {})).items).toHaveLength(0);
    const d = await t.as(OFFICER).ok('tips', 'detail', { tipId });
    expect(d.tipster).toBeNull();
  });

  it('the code follows it; graded and approved, the reward waits on the tip’s own account; payout needs the code', async () => {
    // Anyone signed in who holds the code may follow it; a wrong code finds nothing.
    await t.as('wx-anyone').ok('identity', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION });
    expect(code(await t.as('wx-anyone').call('tips', 'follow', { claimCode: 'AAAA-BBBB-CCCC' }))).toBe('NOT_FOUND');
    await t.as(OFFICER).ok('tips', 'grade', { tipId, levelId: 'l3', note: '公安机关查处涉恶人员 2 名' });
    // A second officer may also send a grade back with a reason.
    await t.as(CHECKER).ok('tips', 'return', { tipId, reason: '已打掉恶势力团伙，应评二级' });
    await t.as(OFFICER).ok('tips', 'grade', { tipId, levelId: 'l2', note: '打掉恶势力犯罪集团 1 个' });
    await t.as(CHECKER).ok('tips', 'approve', { tipId, key: key() });
    const followed = await t.as('wx-anyone').ok('tips', 'follow', { claimCode: claimCode.toLowerCase() });
    expect(followed.tip).toMatchObject({ reward: 5000, levelLabel: '二级', paidOut: false });
    expect((await balanceOf(t.runtime.store, `RW:user:tip-${tipId}`)).balance).toBe(5000);
    expect(code(await t.as(OFFICER).call('tips', 'payout', { tipId }))).toBe('FORBIDDEN');
    expect(code(await t.as(OFFICER).call('tips', 'payout', { tipId, claimCode: 'AAAA-BBBB-CCCC' }))).toBe('FORBIDDEN');
    await t.as(OFFICER).ok('tips', 'payout', { tipId, claimCode });
    expect((await t.as('wx-anyone').ok('tips', 'follow', { claimCode })).tip.paidOut).toBe(true);
    expect((await balanceOf(t.runtime.store, `RW:user:tip-${tipId}`)).balance).toBe(0);
  });

  it('a "no reward" grade closes without a posting; the same key twice does not file twice', async () => {
    const k = key();
    const first = await t.as('demo-resident').ok('tips', 'submit', {
      scheme: 'heroic',
      content: '邻居王师傅跳河救起落水儿童，自己受了伤。',
      anonymous: false,
      key: k,
    });
    expect(
      code(
        await t.as('demo-resident').call('tips', 'submit', {
          scheme: 'heroic',
          content: '邻居王师傅跳河救起落水儿童，自己受了伤。',
          anonymous: false,
          key: k,
        }),
      ),
    ).toBe('CONFLICT');
    await t.as(OFFICER).ok('tips', 'grade', { tipId: first.tip.id, levelId: 'none', note: '经核实系其本人职责范围内' });
    const closed = await t.as(CHECKER).ok('tips', 'approve', { tipId: first.tip.id, key: key() });
    expect(closed.status).toBe('closed');
    expect(await t.runtime.store.count('ledger_entries', { refId: first.tip.id })).toBe(0);
  });
});
