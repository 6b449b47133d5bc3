import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IdentityDoc } from '../../cloudfunctions/_core/domain/people';
import { PRIVACY_NOTICE_VERSION } from '../../cloudfunctions/_core/domain/privacy';
import { createEmbeddedStore } from '../../cloudfunctions/_core/store/embedded';
import { post, spawnLocalRuntime } from '../support/process';

describe('crash safety: the local runtime killed with SIGKILL during a load of writes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write after a restart, and nothing half-done', async () => {
    const first = await spawnLocalRuntime(dataDir);
    const acknowledged: Array<{ openid: string; token: string; nickname: string }> = [];
    let stop = false;
    // Each worker creates people (a transaction: user + identity) and then writes their profile.
    const worker = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const openid = `wx-crash-${w}-${i}`;
        try {
          const login = await post(`${first.url}/api/dev/login`, { openid });
          const token = login.token as string;
          const accepted = await post(
            `${first.url}/api/functions/identity`,
            { action: 'acceptPrivacy', payload: { version: PRIVACY_NOTICE_VERSION } },
            token,
          );
          if (!accepted.ok) continue;
          const nickname = `崩溃测试${w}-${i}`;
          const renamed = await post(
            `${first.url}/api/functions/identity`,
            { action: 'updateProfile', payload: { nickname } },
            token,
          );
          if (renamed.ok) acknowledged.push({ openid, token, nickname });
        } catch {
          return; // the process died under us
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    const written = [...acknowledged];

    const second = await spawnLocalRuntime(dataDir);
    try {
      for (const { token, nickname } of written) {
        const me = await post(`${second.url}/api/functions/identity`, { action: 'me', payload: {} }, token);
        expect(me.ok).toBe(true);
        expect(me.data.nickname).toBe(nickname);
        expect(me.data.privacy.needsConsent).toBe(false);
      }
    } finally {
      await second.kill();
    }
    // All-or-nothing: every identity has its user (the pair is written in one transaction).
    const store = createEmbeddedStore({ file: path.join(dataDir, 'gongzhi.sqlite') });
    try {
      const identities = await store.find<IdentityDoc>('identities', {}, { limit: 1000 });
      expect(identities.length).toBeGreaterThanOrEqual(written.length);
      for (const identity of identities) expect(await store.get('users', identity.userId), identity._id).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 90_000);
});
