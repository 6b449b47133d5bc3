import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The h5 persona sign-in (`/api/dev/login`) goes through the one transport (src/services/client.ts):
 * a lost connection is the same NETWORK failure with the same sentence as any call, a refusal is
 * the gateway's code and Chinese message, a gateway without the dev login says so plainly, and
 * only a token the gateway gave becomes the session. Taro is a recorder; the client is the real one.
 */
const storage = new Map<string, unknown>();
const taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  reLaunch: vi.fn(async (_: { url: string }) => undefined),
};

async function h5Client() {
  vi.resetModules();
  vi.stubEnv('TARO_ENV', 'h5');
  vi.doMock('@tarojs/taro', () => ({ default: taro }));
  return import('../../src/services/client');
}

/** Answers every fetch with `answer` and records what was sent. */
function gateway(answer: () => Promise<Response> | Response) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: { body: unknown }) => {
    sent.push({ url, body: init?.body });
    return answer();
  });
  return sent;
}
const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.doUnmock('@tarojs/taro');
  storage.clear();
  vi.clearAllMocks();
});

describe('h5 dev login through the transport', () => {
  it('posts the persona and keeps the token the gateway answers as the session', async () => {
    const client = await h5Client();
    const sent = gateway(() => json({ ok: true, token: 'tok-9', data: { token: 'tok-9' } }));
    await client.devLogin('demo-staff');
    expect(sent).toEqual([{ url: '/api/dev/login', body: JSON.stringify({ openid: 'demo-staff' }) }]);
    expect(storage.get('gongzhi.token')).toBe('tok-9');
  });

  it('no answer, or an unreadable one, is the NETWORK failure every call reports, and no session', async () => {
    const client = await h5Client();
    gateway(() => Promise.reject(new TypeError('Failed to fetch')));
    const lost = await client.devLogin('demo-staff').catch((e: unknown) => e);
    gateway(() => Promise.reject(new TypeError('Failed to fetch')));
    const callLost = await client.call('identity', 'me', {}).catch((e: unknown) => e);
    expect(client.isNetworkError(lost)).toBe(true);
    expect((lost as Error).message).toBe((callLost as Error).message);
    expect((lost as Error).message).toBe('网络不给力，请检查网络后重试');

    gateway(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    expect(client.isNetworkError(await client.devLogin('demo-staff').catch((e: unknown) => e))).toBe(true);
    expect(storage.has('gongzhi.token')).toBe(false);
  });

  it('a refused login is the gateway’s code and message; a gateway without dev login says so', async () => {
    const client = await h5Client();
    gateway(() => json({ ok: false, error: { code: 'INVALID_INPUT', message: 'openid 格式不正确' } }, 400));
    await expect(client.devLogin('bad id')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'INVALID_INPUT',
      message: 'openid 格式不正确',
    });

    gateway(() => json({ ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } }, 404));
    await expect(client.devLogin('demo-staff')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '此环境未开放体验登录，请在微信中打开',
    });

    // An answer without a token is not a session.
    gateway(() => json({ ok: true, data: {} }));
    await expect(client.devLogin('demo-staff')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '登录失败，请重试',
    });
    expect(storage.has('gongzhi.token')).toBe(false);
  });
});
