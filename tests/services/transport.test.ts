import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * src/services/client.ts is the one transport: calls and uploads share the session header, what a
 * network failure is and how a refusal becomes an ApiError, in h5 (fetch to the gateway) and in
 * weapp (wx.cloud). Taro is replaced by a recorder; the modules are the real ones.
 */
type Client = typeof import('../../src/services/client');
type Upload = typeof import('../../src/services/upload');

const storage = new Map<string, unknown>();
const taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  reLaunch: vi.fn(async (_: { url: string }) => undefined),
  cloud: {
    callFunction: vi.fn(async (_: { name: string; data: unknown }): Promise<{ result: unknown }> => ({ result: {} })),
    uploadFile: vi.fn(async (_: { cloudPath: string; filePath: string }) => ({ fileID: 'cloud://env/x.jpg' })),
  },
};

async function load(env: 'h5' | 'weapp'): Promise<{ client: Client; upload: Upload }> {
  vi.resetModules();
  vi.stubEnv('TARO_ENV', env);
  vi.doMock('@tarojs/taro', () => ({ default: taro }));
  return { client: await import('../../src/services/client'), upload: await import('../../src/services/upload') };
}

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}
function stubFetch(answer: (sent: Sent) => Promise<Response> | Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: { headers: Record<string, string>; body: unknown }) => {
    // Reading a photo kept on the phone (a data: URL) is not a request to the gateway.
    if (url.startsWith('data:')) return new Response(new Blob(['png'], { type: 'image/png' }));
    const request = { url, headers: init?.headers ?? {}, body: init?.body };
    sent.push(request);
    return answer(request);
  });
  return sent;
}
const json = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.doUnmock('@tarojs/taro');
  storage.clear();
  vi.clearAllMocks();
});

describe('h5: calls and uploads through one gateway transport', () => {
  it('both carry the session token; an upload carries its key as x-upload-key', async () => {
    const { client, upload } = await load('h5');
    storage.set('gongzhi.token', 'tok-1');
    const sent = stubFetch((s) =>
      json({ ok: true, data: s.url === '/api/files' ? { fileId: 'local://a', url: '/files/a' } : { userId: 'u1' } }),
    );
    await client.call('identity', 'me', {});
    const photo = await upload.uploadPending([
      { fileId: '', url: 'data:image/png;base64,iVBORw0KGgo=', pending: true, key: 'pkey-12345678' },
    ]);
    const [callSent, fileSent] = [sent.find((s) => s.url.startsWith('/api/functions/')), sent.at(-1)];
    expect(callSent?.url).toBe('/api/functions/identity');
    expect(callSent?.headers.authorization).toBe('Bearer tok-1');
    expect(fileSent?.url).toBe('/api/files');
    expect(fileSent?.headers.authorization).toBe('Bearer tok-1');
    expect(fileSent?.headers['x-upload-key']).toBe('pkey-12345678');
    expect(photo).toEqual([{ fileId: 'local://a', url: '/files/a', key: 'pkey-12345678' }]);
  });

  it('no answer, or an unreadable one, is a NETWORK failure with the sentence of what failed', async () => {
    const { client } = await load('h5');
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const refused = await client.call('identity', 'me', {}).catch((e: unknown) => e);
    expect(client.isNetworkError(refused)).toBe(true);
    expect((refused as Error).message).toBe('网络不给力，请检查网络后重试');
    const lost = await client
      .sendFile({ blob: new Blob(['x'], { type: 'image/png' }), key: 'k-12345678' }, '照片上传失败，请检查网络后重试')
      .catch((e: unknown) => e);
    expect(client.isNetworkError(lost)).toBe(true);
    expect((lost as Error).message).toBe('照片上传失败，请检查网络后重试');

    stubFetch(() => new Response('<html>502</html>', { status: 502 }));
    expect(client.isNetworkError(await client.call('identity', 'me', {}).catch((e: unknown) => e))).toBe(true);
  });

  it('a refusal is the gateway’s code and Chinese message, for calls and uploads alike; UNAUTHENTICATED signs out', async () => {
    const { client } = await load('h5');
    storage.set('gongzhi.token', 'tok-old');
    stubFetch(() => json({ ok: false, error: { code: 'INVALID_INPUT', message: '只能上传 JPG、PNG 或 WebP 图片' } }));
    const bad = await client.sendFile({ blob: new Blob(['x']) }, '照片上传失败').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(client.ApiError);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: '只能上传 JPG、PNG 或 WebP 图片' });
    expect(client.isNetworkError(bad)).toBe(false);

    stubFetch(() => json({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    await expect(client.call('identity', 'me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(storage.has('gongzhi.token')).toBe(false);
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});

describe('weapp: calls and uploads through wx.cloud', () => {
  it('an upload goes to the caller’s folder under its key; a dropped one is NETWORK', async () => {
    const { upload, client } = await load('weapp');
    taro.cloud.callFunction.mockResolvedValueOnce({ result: { ok: true, data: { userId: 'user-7' } } });
    const photo = await upload.uploadPending([
      { fileId: '', url: 'wxfile://tmp/a.png', pending: true, key: 'k-abcdefgh' },
    ]);
    expect(taro.cloud.uploadFile).toHaveBeenCalledWith({
      cloudPath: 'uploads/user-7/k-abcdefgh.png',
      filePath: 'wxfile://tmp/a.png',
    });
    expect(photo).toEqual([{ fileId: 'cloud://env/x.jpg', url: 'wxfile://tmp/a.png', key: 'k-abcdefgh' }]);

    taro.cloud.uploadFile.mockRejectedValueOnce(new Error('uploadFile:fail'));
    const lost = await upload
      .uploadPending([{ fileId: '', url: 'wxfile://tmp/b.jpg', pending: true, key: 'k-2' }])
      .catch((e: unknown) => e);
    expect(client.isNetworkError(lost)).toBe(true);
    expect((lost as Error).message).toBe('照片上传失败，请检查网络后重试');

    taro.cloud.callFunction.mockRejectedValueOnce(new Error('callFunction:fail'));
    expect(client.isNetworkError(await client.call('identity', 'me', {}).catch((e: unknown) => e))).toBe(true);
    taro.cloud.callFunction.mockResolvedValueOnce({
      result: { ok: false, error: { code: 'FORBIDDEN', message: '无权操作' } },
    });
    await expect(client.call('identity', 'me', {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: '无权操作' });
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });
});

/**
 * The h5 persona sign-in (`/api/dev/login`) goes through the same transport: a lost connection is
 * the same NETWORK failure with the same sentence as any call, a refusal is the gateway's code and
 * message, a gateway without the dev login says so plainly, and only a token it gave is kept.
 */
describe('h5: the dev login through the transport', () => {
  it('posts the persona and keeps the token the gateway answers as the session', async () => {
    const { client } = await load('h5');
    const sent = stubFetch(() => json({ ok: true, token: 'tok-9', data: { token: 'tok-9' } }));
    await client.devLogin('demo-staff');
    expect(sent.map((s) => [s.url, s.body])).toEqual([['/api/dev/login', JSON.stringify({ openid: 'demo-staff' })]]);
    expect(storage.get('gongzhi.token')).toBe('tok-9');
  });

  it('no answer, or an unreadable one, is the NETWORK failure every call reports, and no session', async () => {
    const { client } = await load('h5');
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const lost = await client.devLogin('demo-staff').catch((e: unknown) => e);
    const callLost = await client.call('identity', 'me', {}).catch((e: unknown) => e);
    expect(client.isNetworkError(lost)).toBe(true);
    expect((lost as Error).message).toBe((callLost as Error).message);
    expect((lost as Error).message).toBe('网络不给力，请检查网络后重试');

    stubFetch(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    expect(client.isNetworkError(await client.devLogin('demo-staff').catch((e: unknown) => e))).toBe(true);
    expect(storage.has('gongzhi.token')).toBe(false);
  });

  it('a refused login is the gateway’s code and message; a gateway without dev login says so', async () => {
    const { client } = await load('h5');
    stubFetch(() => json({ ok: false, error: { code: 'INVALID_INPUT', message: 'openid 格式不正确' } }));
    await expect(client.devLogin('bad id')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'INVALID_INPUT',
      message: 'openid 格式不正确',
    });
    stubFetch(() => json({ ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } }));
    await expect(client.devLogin('demo-staff')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '此环境未开放体验登录，请在微信中打开',
    });
    // An answer without a token is not a session.
    stubFetch(() => json({ ok: true, data: {} }));
    await expect(client.devLogin('demo-staff')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '登录失败，请重试',
    });
    expect(storage.has('gongzhi.token')).toBe(false);
  });
});
