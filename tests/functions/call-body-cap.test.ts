/**
 * CloudBase refuses a function call whose JSON body is over 100 KB (runtime/limits.ts quotes the
 * source). The local gateway answers 413 as it does for any oversized body, and the weapp
 * runtime's cloud host refuses the event before the function runs, as the platform does.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_BODY_MAX_BYTES } from '../../cloudfunctions/_core/runtime/limits';
import { type RunningGateway, startGateway } from '../support/gateway';

/** A call body of exactly `bytes` bytes of JSON (ASCII padding). */
function eventOf(bytes: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = { action: 'me', payload: { pad: '' }, ...extra };
  const pad = bytes - Buffer.byteLength(JSON.stringify(base));
  return { ...base, payload: { pad: 'x'.repeat(pad) } };
}

describe('the local gateway caps a function call at CloudBase’s 100 KB', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('refuses one byte over with 413 and a Chinese message; lets the limit itself through to validation', async () => {
    expect(CALL_BODY_MAX_BYTES).toBe(100 * 1024);
    const token = await gw.login('demo-resident');
    const over = await gw.invoke('identity', eventOf(CALL_BODY_MAX_BYTES + 1), token);
    expect(over.status).toBe(413);
    expect(over.body.error).toEqual({ code: 'INVALID_INPUT', message: '提交的内容太大' });
    // At the limit the body is read and the action's strict schema refuses the padding instead.
    const at = await gw.invoke('identity', eventOf(CALL_BODY_MAX_BYTES), token);
    expect(at.status).not.toBe(413);
    expect(at.body.error.code).toBe('INVALID_INPUT');
    expect(at.body.error.message).not.toBe('提交的内容太大');
  });
});

describe('the weapp runtime’s cloud host refuses an oversized event before the function runs', () => {
  const hostFile = path.join(__dirname, '..', 'weapp', 'cloud-host.cjs');
  let host: ChildProcess;
  let seq = 0;
  const send = (name: string, event: unknown) =>
    new Promise<{ result?: unknown; error?: string }>((resolve) => {
      const id = ++seq;
      const onMessage = (msg: { id?: number; result?: unknown; error?: string }) => {
        if (msg.id !== id) return;
        host.off('message', onMessage);
        resolve(msg);
      };
      host.on('message', onMessage);
      host.send({ id, name, event, openid: 'demo-resident', appid: 'wx-test' });
    });

  beforeAll(async () => {
    host = fork(hostFile, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    await new Promise<void>((resolve) => host.once('message', () => resolve()));
  });
  afterAll(() => {
    host.kill();
  });

  it('holds the same number as runtime/limits.ts', () => {
    const declared = /const CALL_BODY_MAX_BYTES = ([\d\s*]+);/.exec(readFileSync(hostFile, 'utf8'))?.[1];
    expect(declared?.split('*').reduce((p, n) => p * Number(n.trim()), 1)).toBe(CALL_BODY_MAX_BYTES);
  });

  it('answers EXCEED_MAX_PAYLOAD_SIZE one byte over, and passes the limit itself on to the function', async () => {
    const userInfo = { appId: 'wx-test', openId: 'demo-resident' };
    const over = await send('identity', eventOf(CALL_BODY_MAX_BYTES + 1, { userInfo }));
    expect(over.error).toMatch(/^EXCEED_MAX_PAYLOAD_SIZE/);
    // No bundle is built for this name: past the size check the host fails to load it instead.
    const at = await send('nosuchfunction', eventOf(CALL_BODY_MAX_BYTES, { userInfo }));
    expect(at.error).toBeDefined();
    expect(at.error).not.toMatch(/EXCEED_MAX_PAYLOAD_SIZE/);
  });
});
