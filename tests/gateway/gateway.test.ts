import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../local/tokens';
import { type RunningGateway, startGateway } from '../support/gateway';

describe('local gateway contract over HTTP', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('dev login gives a token that identifies the persona', async () => {
    const token = await gw.login('demo-gridworker');
    const { status, body } = await gw.invoke('identity', { action: 'me', payload: {} }, token);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.data.nickname).toBe('王网格');
  });

  it('no token, a forged token and an expired token are UNAUTHENTICATED', async () => {
    const none = await gw.invoke('identity', { action: 'me', payload: {} });
    expect(none.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });

    const real = await gw.login('demo-resident');
    const [openidPart, expiry] = real.split('.');
    const forgedSignature = `${openidPart}.${expiry}.${'A'.repeat(43)}`;
    const otherPersona = `${Buffer.from('demo-admin').toString('base64url')}.${expiry}.${real.split('.')[2]}`;
    const expired = issueToken('whatever', 'demo-resident', Date.now() - 10 * 24 * 3600 * 1000, 1000);
    for (const token of [forgedSignature, otherPersona, expired, 'garbage', '']) {
      const result = await gw.invoke('identity', { action: 'me', payload: {} }, token || 'x');
      expect(result.status).toBe(401);
      expect(result.body.ok).toBe(false);
      expect(result.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('identity comes from the token, never from the payload', async () => {
    const token = await gw.login('demo-resident');
    const { body } = await gw.invoke('identity', { action: 'me', payload: { openid: 'demo-admin' } }, token);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_INPUT');
  });

  it('the catalogue lists every function and action with roles and a JSON Schema', async () => {
    const response = await fetch(`${gw.url}/api/functions`);
    const { ok, data } = (await response.json()) as { ok: boolean; data: any[] };
    expect(ok).toBe(true);
    expect(data.map((f) => f.name)).toEqual(gw.runtime.functionNames);
    const identity = data.find((f) => f.name === 'identity');
    expect(identity.actions.map((a: any) => a.action)).toEqual(
      expect.arrayContaining(['me', 'updateProfile', 'acceptPrivacy', 'listCommunities', 'joinCommunity']),
    );
    for (const fn of data) {
      for (const action of fn.actions) {
        expect(action.summary).toMatch(/\p{Script=Han}/u);
        expect(action.inputSchema.type).toBe('object');
        // Strict schemas: undeclared fields are refused, never stripped.
        expect(action.inputSchema.additionalProperties).toBe(false);
        expect(action.roles === 'authenticated' || Array.isArray(action.roles)).toBe(true);
      }
    }
  });

  it('malformed bodies get the error envelope, not a crash', async () => {
    const token = await gw.login('demo-resident');
    const invalidJson = await gw.invoke('identity', '{"action": "me",', token);
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body.error.code).toBe('INVALID_INPUT');

    const huge = await gw.invoke('identity', { action: 'me', payload: { pad: 'x'.repeat(2 * 1024 * 1024) } }, token);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('INVALID_INPUT');

    const unknownFunction = await gw.invoke('nosuchfunction', { action: 'me', payload: {} }, token);
    expect(unknownFunction.body.ok).toBe(false);
    expect(unknownFunction.body.error.code).toBe('NOT_FOUND');

    const unknownRoute = await fetch(`${gw.url}/api/nothing`, { method: 'POST' });
    expect(unknownRoute.status).toBe(404);
  });

  it('uploads photos of allowed types and serves them back; refuses other types', async () => {
    const token = await gw.login('demo-resident');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = await fetch(`${gw.url}/api/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
      body: png,
    });
    const uploaded = (await upload.json()) as any;
    expect(uploaded.ok).toBe(true);
    expect(uploaded.data.fileId).toMatch(/^local:\/\/[a-f0-9]{24}\.png$/);
    expect(await gw.runtime.files.exists(uploaded.data.fileId)).toBe(true);
    const served = await fetch(`${gw.url}${uploaded.data.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const script = await fetch(`${gw.url}/api/files`, {
      method: 'POST',
      headers: { 'content-type': 'text/html', authorization: `Bearer ${token}` },
      body: '<script>alert(1)</script>',
    });
    expect(script.status).toBe(400);
    const anonymous = await fetch(`${gw.url}/api/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
    });
    expect(anonymous.status).toBe(401);
    const traversal = await fetch(`${gw.url}/files/..%2F..%2Fetc%2Fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
  });
});

describe('local gateway modes and persistence', () => {
  it('dev login does not exist unless the runtime is in local mode', async () => {
    const gw = await startGateway({ devLogin: false });
    try {
      const response = await fetch(`${gw.url}/api/dev/login`, { method: 'POST', body: '{"openid":"demo-admin"}' });
      expect(response.status).toBe(404);
    } finally {
      await gw.close();
    }
  });

  it('rate-limits a runaway caller with RATE_LIMITED', async () => {
    const gw = await startGateway({ rateLimitPerSecond: 5 });
    try {
      const token = await gw.login('demo-resident');
      const results = await Promise.all(
        Array.from({ length: 30 }, () => gw.invoke('identity', { action: 'me', payload: {} }, token)),
      );
      const limited = results.filter((r) => r.body.ok === false && r.body.error.code === 'RATE_LIMITED');
      expect(limited.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.body.ok).length).toBeLessThanOrEqual(10);
    } finally {
      await gw.close();
    }
  });

  it('data and tokens survive a restart on the same data folder; seeding happens once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-restart-'));
    try {
      const first = await startGateway({ dataDir });
      const token = await first.login('demo-resident');
      await first.invoke('identity', { action: 'updateProfile', payload: { nickname: '重启前的名字' } }, token);
      const usersAfterSeeding = await first.runtime.store.count('users', {});
      await first.close();

      const second = await startGateway({ dataDir });
      try {
        const { body } = await second.invoke('identity', { action: 'me', payload: {} }, token);
        expect(body.data.nickname).toBe('重启前的名字');
        expect(await second.runtime.store.count('users', {})).toBe(usersAfterSeeding);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Sends one raw request line, so malformed targets reach the server as written (fetch would normalise them). */
async function rawStatus(url: string, target: string, method = 'GET'): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    });
    let head = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      head += chunk;
    });
    socket.on('end', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (status) resolve(Number(status));
      else reject(new Error(`no status line for ${target}: ${JSON.stringify(head.slice(0, 80))}`));
    });
    socket.on('error', reject);
  });
}

describe('bad URLs are the client’s fault: 4xx, never 500 (finding 10)', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('a malformed percent-encoding answers 400 with the error envelope', async () => {
    for (const target of ['/%', '/files/%', '/api/functions/%', '/%E0%A4%A', '/files/%ZZ.png', '/a%']) {
      const response = await fetch(`${gw.url}${target}`);
      expect(response.status, target).toBe(400);
      const body = (await response.json()) as any;
      expect(body.ok, target).toBe(false);
      expect(body.error.code, target).toBe('INVALID_INPUT');
      expect(body.error.message, target).toMatch(/\p{Script=Han}/u);
    }
    expect(await rawStatus(gw.url, '/api/functions/%', 'POST')).toBe(400);
  });

  it('with an h5 build to serve, a malformed path is 400 too (it used to reach decodeURIComponent: 500)', async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-static-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>共治</title>');
    const withStatic = await startGateway({ staticDir });
    try {
      for (const target of ['/%', '/files/%', '/pages/%E4%B8']) {
        expect((await fetch(`${withStatic.url}${target}`)).status, target).toBe(400);
      }
      expect((await fetch(`${withStatic.url}/pages/index/index`)).status).toBe(200);
    } finally {
      await withStatic.close();
      rmSync(staticDir, { recursive: true, force: true });
    }
  });

  it('fuzzed request targets never answer 5xx and the gateway keeps serving', async () => {
    const pieces = [
      '/',
      '%',
      '%2',
      '%2F',
      '%00',
      '%C0%AE',
      '%FF',
      '..',
      '.',
      'files',
      'api',
      'functions',
      'identity',
      '?',
      '#',
      'a',
      '中',
      '%E4%B8',
      '~',
      ';',
      '\\',
    ];
    const targets = fc.sample(
      fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.join('')}`),
      { numRuns: 150, seed: 1610 },
    );
    targets.push(
      'http://[',
      '//',
      '*',
      'http://127.0.0.1/%',
      '/files/../../etc/passwd',
      '/files/%2e%2e/%2e%2e/etc/passwd',
    );
    for (const target of targets) {
      for (const method of ['GET', 'POST']) {
        // Non-ASCII goes out as UTF-8 bytes, as a careless client would send it.
        const status = await rawStatus(gw.url, Buffer.from(target, 'utf8').toString('latin1'), method);
        expect(status, `${method} ${target}`).toBeLessThan(500);
      }
    }
    const { status } = await gw.invoke('identity', { action: 'me', payload: {} }, await gw.login('demo-resident'));
    expect(status).toBe(200);
  });
});
