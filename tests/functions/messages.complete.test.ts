import { describe, expect, it } from 'vitest';
import { asSentence, composeMessage, messageCut, subscriptionData } from '../../cloudfunctions/_core/domain/messages';
import { excerpt } from '../../cloudfunctions/reports/lib/changes';

/**
 * Messages are whole sentences in the message centre; only the WeChat subscription payload is
 * shortened (thing ≤ 20 characters). Every suite's runtime also scans each message its handlers
 * wrote with messageCut (tests/support/runtime.ts), so this file pins the rule itself.
 */
const base = {
  messageId: 'm-1',
  outboxId: 'o-1',
  userId: 'user-resident',
  kind: 'report.progress' as const,
  title: '您的上报已办结',
  link: null,
  at: '2026-12-01T08:00:00.000Z',
};

describe('complete message texts', () => {
  it('a body ending with what a person typed is closed as a sentence; one already closed is kept', () => {
    expect(asSentence('居民评价不满意：第二天又满了')).toBe('居民评价不满意：第二天又满了。');
    expect(asSentence('原因：暴雨预警，')).toBe('原因：暴雨预警。');
    expect(asSentence('请凭领取码 4821 到爱心超市领取。')).toBe('请凭领取码 4821 到爱心超市领取。');
    expect(asSentence('真的修好了吗？')).toBe('真的修好了吗？');
    expect(asSentence('已回复：「会尽快处理。」')).toBe('已回复：「会尽快处理。」');
    expect(composeMessage({ ...base, body: '受理：3 号楼垃圾桶满了' }).message.body).toBe('受理：3 号楼垃圾桶满了。');
  });

  it('the message centre keeps the whole text; only the subscription payload is cut to 20 characters', () => {
    const body =
      '您兑换的「环保洗衣液 2 升装」×1 已通过审核，请凭领取码 4821 到爱心超市领取（社区服务中心一楼东侧），超过 7 天未领取将退回绿币。';
    const { message } = composeMessage({ ...base, body });
    expect(message.body).toBe(body);
    expect(messageCut(message)).toBeNull();
    const payload = subscriptionData(message);
    expect(payload.thing2?.value).toHaveLength(20);
    expect(payload.thing2?.value.endsWith('…')).toBe(true);
  });

  it('a body or title shortened with our excerpt helper is found cut; a person’s own 「……」 is not', () => {
    const cutBody = `工单编号 XX-20261201-3001：${excerpt('3 号楼门口的垃圾桶满了好几天没人清运，气味很大', 12)}`;
    expect(messageCut({ title: '已受理', body: cutBody })).toMatch(/^the body is cut/);
    expect(messageCut({ title: '已受理', body: `${cutBody}。` })).toMatch(/^the body is cut/);
    expect(messageCut({ title: excerpt('关于三号楼加装电梯费用分摊的议题已答复', 10), body: '请查看。' })).toMatch(
      /^the title is cut/,
    );
    expect(messageCut({ title: '议题已答复', body: '居民说：「再等等……」' })).toMatch(/does not end its sentence/);
    expect(messageCut({ title: '议题已答复', body: '居民说：「再等等……」。' })).toBeNull();
    expect(messageCut({ title: '议题已答复', body: '' })).toBe('the body is empty');
  });
});
