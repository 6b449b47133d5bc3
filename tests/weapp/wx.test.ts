import { describe, expect, it } from 'vitest';
import { type AppJson, createWx, FIXTURE_JPEG, tempFile, type WxHost } from './wx';

// The simulated wx alone (no app): it refuses what WeChat's base library refuses.
const APP: AppJson = {
  pages: ['pages/index/index', 'pages/me/index'],
  subPackages: [{ root: 'packages/reports', pages: ['detail/index'] }],
  tabBar: { list: [{ pagePath: 'pages/index/index' }, { pagePath: 'pages/me/index' }] },
  requiredPrivateInfos: [],
};

function fake(overrides: Partial<WxHost> = {}) {
  const stack: string[] = ['pages/index/index'];
  const events: unknown[] = [];
  const host: WxHost = {
    appJson: APP,
    fontSizeScaleFactor: 1.3,
    navigate: async (kind, route) => {
      if (kind === 'navigateTo') stack.push(route);
      else stack.splice(0, stack.length, route);
    },
    navigateBack: async (delta) => void stack.splice(-delta, delta),
    stackDepth: () => stack.length,
    answerModal: () => false,
    callFunction: async (name, data) => {
      events.push({ name, data });
      return { ok: true };
    },
    uploadFile: async (cloudPath) => `cloud://env/${cloudPath}`,
    getTempFileURL: async (ids) => ids.map((fileID) => ({ fileID, tempFileURL: 'http://x', status: 0 })),
    photos: () => [tempFile(FIXTURE_JPEG, 'jpg')],
    location: () => ({ name: '东门', address: '南宁路', latitude: 28.2, longitude: 112.9 }),
    ...overrides,
  };
  return { ...createWx(host), stack, events };
}

describe('the simulated wx', () => {
  it('navigation: no navigateTo to a tab page or an unknown route, at most 10 pages, switchTab only to tabs', async () => {
    const { wx, stack } = fake();
    await expect(wx.navigateTo({ url: '/pages/me/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    });
    await expect(wx.navigateTo({ url: '/packages/nowhere/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail page "packages/nowhere/index" is not found',
    });
    await expect(wx.switchTab({ url: '/packages/reports/detail/index' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('switchTab:fail'),
    });
    for (let i = 1; i < 10; i++) await wx.navigateTo({ url: `/packages/reports/detail/index?id=${i}` });
    expect(stack.length).toBe(10);
    await expect(wx.navigateTo({ url: '/packages/reports/detail/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail webview count limit exceed',
    });
    // Callbacks instead of a promise, as pages written for the base library use them.
    const outcome = await new Promise((resolve) => wx.navigateBack({ delta: 9, success: resolve, fail: resolve }));
    expect(outcome).toEqual({ errMsg: 'navigateBack:ok' });
    await expect(wx.navigateBack({})).rejects.toMatchObject({ errMsg: expect.stringContaining('navigateBack:fail') });
  });

  it('storage keeps what JSON keeps; the font scale is reported', () => {
    const { wx } = fake();
    wx.setStorageSync('k', { a: 1, d: undefined });
    expect(wx.getStorageSync('k')).toEqual({ a: 1 });
    expect(wx.getStorageSync('missing')).toBe('');
    expect(wx.getAppBaseInfo().fontSizeScaleFactor).toBe(1.3);
  });

  it('location needs requiredPrivateInfos; subscriptions take 1 to 3 templates; media gives real temp files', async () => {
    const { wx } = fake();
    await expect(wx.chooseLocation({})).rejects.toMatchObject({
      errMsg: expect.stringContaining('requiredPrivateInfos'),
    });
    await expect(wx.requestSubscribeMessage({ tmplIds: ['a', 'b', 'c', 'd'] })).rejects.toMatchObject({
      errMsg: expect.stringContaining('requestSubscribeMessage:fail'),
    });
    expect(await wx.requestSubscribeMessage({ tmplIds: ['a'] })).toMatchObject({ a: 'accept' });
    const picked = await wx.chooseMedia({ count: 1, mediaType: ['image'] });
    const small = await wx.compressImage({ src: picked.tempFiles[0].tempFilePath });
    expect(small.tempFilePath).not.toBe(picked.tempFiles[0].tempFilePath);
    await expect(wx.compressImage({ src: '/etc/passwd' })).rejects.toMatchObject({
      errMsg: 'compressImage:fail file not found',
    });
    await expect(wx.cloud.uploadFile({ cloudPath: 'a.jpg', filePath: '/etc/passwd' })).rejects.toMatchObject({
      errMsg: 'cloud.uploadFile:fail file not found',
    });
  });

  it('offline, cloud calls fail as WeChat reports them, and the network listener hears the change', async () => {
    const { wx, setOnline } = fake();
    const heard: boolean[] = [];
    wx.onNetworkStatusChange((res: { isConnected: boolean }) => heard.push(res.isConnected));
    setOnline(false);
    expect(await wx.getNetworkType({})).toMatchObject({ networkType: 'none' });
    await expect(wx.cloud.callFunction({ name: 'reports', data: { action: 'mine' } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('cloud.callFunction:fail'),
    });
    setOnline(true);
    expect(heard).toEqual([false, true]);
    expect(await wx.cloud.callFunction({ name: 'reports', data: { action: 'mine' } })).toMatchObject({
      result: { ok: true },
      errMsg: 'cloud.callFunction:ok',
    });
  });

  it('scanCode: the camera sees what the host shows; cancelling fails with "scanCode:fail cancel"', async () => {
    const seen: Array<string | null> = ['GZ1|pickup|123456', null, 'GZ1|pickup|654321'];
    const { wx, record } = fake({ scan: () => seen.shift() ?? null });
    expect(await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).toEqual({
      errMsg: 'scanCode:ok',
      result: 'GZ1|pickup|123456',
      scanType: 'QR_CODE',
      charSet: 'UTF-8',
      rawData: Buffer.from('GZ1|pickup|123456').toString('base64'),
    });
    await expect(wx.scanCode({})).rejects.toEqual({ errMsg: 'scanCode:fail cancel' });
    // A scanner looking for bar codes only never reads a QR code: the person can only cancel.
    const failed = await new Promise((resolve) => wx.scanCode({ scanType: ['barCode'], fail: resolve }));
    expect(failed).toEqual({ errMsg: 'scanCode:fail cancel' });
    await expect(wx.scanCode({ scanType: 'qrCode' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('scanCode:fail parameter error'),
    });
    expect(record.scans.map((s) => s.result)).toEqual(['GZ1|pickup|123456', null, null]);
  });

  it('an API outside the surface is recorded as missing', () => {
    const { wx, record } = fake();
    expect(wx.startSoterAuthentication).toBeUndefined();
    expect(record.missing).toEqual(['startSoterAuthentication']);
  });
});
