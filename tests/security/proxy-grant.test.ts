import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../local/seed';
import { addPerson, codeOf } from '../functions/reports.support';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

// Finding 7: proxy.grant from a stranger in another community put messages in the victim's inbox
// (titles carrying the stranger's nickname) and answered the nickname of any user id.
describe('proxy.grant: only within one community, rate-limited, no names for strangers', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
    await addPerson(t, 'wx-stranger', {
      nickname: '外社区陌生人',
      communityId: DEMO.communityB,
      gridId: DEMO.gridB1,
      grants: [{ role: 'resident', communityId: DEMO.communityB }],
    });
  });
  afterEach(() => t.close());

  const inbox = async (openid: string) => JSON.stringify(await t.as(openid).ok('inbox', 'list', {}));

  it('a stranger of another community gets NOT_FOUND, no nickname, and the victim no message', async () => {
    const before = await inbox('demo-resident');
    const result = await t
      .as('wx-stranger')
      .call('identity', 'proxy.grant', { agentUserId: 'user-resident', scopes: ['reports'] });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toContain('张阿姨');
    expect(await inbox('demo-resident')).toBe(before);
    expect(await inbox('demo-resident')).not.toContain('外社区陌生人');
    // An unknown id answers the same: nothing tells an existing person from a missing one.
    const unknown = await t
      .as('wx-stranger')
      .call('identity', 'proxy.grant', { agentUserId: 'user-nobody', scopes: ['reports'] });
    expect(unknown).toEqual(result);
  });

  it('within the community it works, and at most 5 grants a day', async () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const p of people) {
      await addPerson(t, `wx-helper-${p}`, {
        nickname: `帮手${p}`,
        grants: [{ role: 'resident', communityId: DEMO.communityA }],
      });
    }
    for (const p of people.slice(0, 5)) {
      const done = await t
        .as('demo-resident')
        .ok('identity', 'proxy.grant', { agentUserId: `user-wx-helper-${p}`, scopes: ['reports'] });
      expect(done.active).toBe(true);
    }
    const sixth = await t
      .as('demo-resident')
      .call('identity', 'proxy.grant', { agentUserId: 'user-wx-helper-f', scopes: ['reports'] });
    expect(codeOf(sixth)).toBe('RATE_LIMITED');
    expect(await inbox('wx-helper-f')).not.toContain('授权您代办');
    t.clock.advance(25 * 3600_000);
    await t.as('demo-resident').ok('identity', 'proxy.grant', { agentUserId: 'user-wx-helper-f', scopes: ['reports'] });
  });
});
