import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { redactForLog } from '../../cloudfunctions/_core/domain/privacy';
import { defineAction, defineFunction } from '../../cloudfunctions/_core/runtime/define';
import { findPersonalData, startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * Logs hold no personal data (PIPL: logs outlive erasure). Every startTestRuntime() scans its log
 * lines for the phones, real names and nicknames in the store when it closes, so every function
 * suite is also a log scan; these tests pin the parts that scan relies on.
 */
describe('logs hold no personal data', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(() => t.close());

  // A handler failing with a message that quotes the person (as a careless error message would).
  const leaky = defineFunction('leaky', {
    explode: defineAction({
      summary: '测试：抛出含个人信息的异常',
      input: z.strictObject({ phone: z.string().max(20) }),
      roles: 'authenticated',
      access: { scope: ['any'], touches: [], writes: false },
      handler: async (input) => {
        throw new Error(`duplicate user 张阿姨 ${input.phone} zhang.ayi@example.cn id 450102195001011234`);
      },
    }),
  });

  it('an unexpected error is logged with its stack but without the names, numbers and addresses in it', async () => {
    const answer = await t.runtime.invokeDefinition(
      leaky,
      { action: 'explode', payload: { phone: '13800000001' } },
      'demo-resident',
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const errorLine = t.logLines.find((line) => line.includes('"level":"error"'));
    expect(errorLine).toBeDefined();
    expect(errorLine).toContain('"action":"explode"');
    expect(errorLine).toContain('duplicate user');
    expect(errorLine).toContain('at '); // the stack stays useful
    for (const personal of ['13800000001', '张阿姨', 'zhang.ayi@example.cn', '450102195001011234']) {
      expect(errorLine).not.toContain(personal);
    }
    // Nothing else of the call (the payload) was logged either.
    expect(findPersonalData(t.logLines, ['13800000001', '张阿姨'])).toEqual([]);
  });

  it('every call leaves one outcome line with no caller or payload in it', async () => {
    await t.as('demo-resident').ok('identity', 'updateProfile', { nickname: '张阿姨改名', phone: '13912345678' });
    const lines = t.logLines.filter((line) => line.includes('"action":"updateProfile"'));
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0] ?? '{}')).sort()).toEqual(['action', 'fn', 'level', 'ms', 'outcome']);
  });

  it('the scan finds a leaked value, so a leak fails the suite that caused it', () => {
    expect(findPersonalData(['{"note":"called 13800000001"}', '{"ok":1}'], ['13800000001'])).toEqual([
      '{"note":"called 13800000001"}',
    ]);
  });

  it('redaction keeps short numbers and codes, removes long digit runs, e-mails and Chinese text', () => {
    expect(redactForLog('limit 1000 exceeded for 13800000001 at 12:30')).toBe(
      'limit 1000 exceeded for <digits> at 12:30',
    );
    expect(redactForLog('DUPLICATE_KEY users/user-resident 张阿姨')).toBe('DUPLICATE_KEY users/user-resident <text>');
    expect(redactForLog('mail a.b@c.com.cn')).toBe('mail <email>');
  });
});
