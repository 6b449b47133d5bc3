import type { Locator, Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

/**
 * Every page that shows the shared <Qr>: the code is centred in its row (it hung 66.5 px right of
 * centre on h5 when Taro's aspectFit <img> had a `top` and no `left`), it is as large as the page
 * asked, and what is on screen is the code of its data-text, module for module — in normal and
 * in 长辈版. Pixels are read from a real screenshot, so clipping or blurring would show too.
 */

/** How far (px) the QR image's centre is from the centre of the row it sits in. */
async function offCentre(qr: Locator): Promise<number> {
  const img = await qr.locator('img').boundingBox();
  const row = await qr.boundingBox();
  if (!img || !row) throw new Error('QR not laid out');
  return Math.abs(img.x + img.width / 2 - (row.x + row.width / 2));
}

/** The screenshot of the QR image as a dark/light grid, one character per screen pixel. */
async function screenPixels(page: Page, qr: Locator): Promise<{ width: number; height: number; dark: string }> {
  const png = (await qr.locator('img').screenshot()).toString('base64');
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = '';
    for (let i = 0; i < data.length; i += 4) dark += (data[i] ?? 255) < 128 ? '1' : '0';
    return { width: canvas.width, height: canvas.height, dark };
  }, png);
}

/**
 * Reads the modules off the screen: the dark extent is the symbol, its width over the module count
 * is the pitch, and each module's centre pixel must match the encoder's matrix for the same text.
 * Answers the mismatched modules (none when the code on screen is the code of `text`) and the
 * quiet zone left of the symbol in modules.
 */
async function readBack(page: Page, qr: Locator): Promise<{ wrong: number; quietModules: number }> {
  const text = (await qr.getAttribute('data-text')) ?? '';
  const expected = qrcode(0, 'M');
  expected.addData(text);
  expected.make();
  const count = expected.getModuleCount();
  const { width, height, dark } = await screenPixels(page, qr);
  const at = (x: number, y: number) => dark[y * width + x] === '1';
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!at(x, y)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return { wrong: count * count, quietModules: 0 };
  const pitchX = (right - left + 1) / count;
  const pitchY = (bottom - top + 1) / count;
  let wrong = 0;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      const x = Math.floor(left + (col + 0.5) * pitchX);
      const y = Math.floor(top + (row + 0.5) * pitchY);
      if (at(x, y) !== expected.isDark(row, col)) wrong++;
    }
  }
  return { wrong, quietModules: left / pitchX };
}

async function expectQrWell(page: Page, qr: Locator, size: number) {
  await expectVisible(qr.locator('img'));
  expect(await offCentre(qr)).toBeLessThanOrEqual(1);
  const box = await qr.locator('img').boundingBox();
  expect(Math.abs((box?.width ?? 0) - size)).toBeLessThanOrEqual(1);
  expect(Math.abs((box?.height ?? 0) - size)).toBeLessThanOrEqual(1);
  const read = await readBack(page, qr);
  expect(read.wrong).toBe(0);
  // A scanner needs a light border around the symbol: 4 modules by the standard.
  expect(read.quietModules).toBeGreaterThanOrEqual(4);
}

/** Checks the page's QR, then again in 长辈版 (larger text must not push it aside). */
async function normalAndCare(page: Page, qr: () => Locator, size: number) {
  await expectQrWell(page, qr(), size);
  await page.evaluate(() => localStorage.setItem('gongzhi.care', JSON.stringify({ data: 'on' })));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.classList.contains('care'));
  await expectQrWell(page, qr(), size);
}

describe('h5 in Chromium: every QR is centred, full size and readable', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('我的兑换: the pickup QR of an approved redemption', async () => {
    const resident = e2e.as('demo-resident');
    const asked = await resident.ok('greencoin', 'redeem.request', {
      goodsId: 'goods-xiaoxiang-5',
      quantity: 1,
      idempotencyKey: 'e2e-qr-pickup',
    });
    await e2e.as('demo-staff').ok('greencoin', 'redeem.approve', { redemptionId: asked.id });
    const page = await e2e.pageAs('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/greencoin/redemptions/index`);
    const qr = () => page.locator('[data-testid="redemption-item"][data-status="approved"]').getByTestId('qr');
    await normalAndCare(page, qr, 180);
  });

  it('志愿者签到码: the check-in QR the organiser shows', async () => {
    // The code is shown from an hour before the start: an activity starting in 30 minutes has one.
    const now = e2e.clock.now().getTime();
    const activity = await e2e.as('demo-staff').ok('timebank', 'activity.create', {
      title: '楼道清洁日',
      place: '小巷社区服务站',
      startsAt: new Date(now + 30 * 60_000).toISOString(),
      endsAt: new Date(now + 150 * 60_000).toISOString(),
      slots: 10,
    });
    const page = await e2e.pageAs('demo-staff');
    await page.goto(`${e2e.baseUrl}/#/packages/volunteer/code/index?id=${activity.id}`);
    await normalAndCare(page, () => page.getByTestId('qr'), 220);
  });

  it('代办: the helper’s own code for a family member to scan', async () => {
    const page = await e2e.pageAs('demo-volunteer');
    await page.goto(`${e2e.baseUrl}/#/packages/care/proxy/index`);
    await normalAndCare(page, () => page.getByTestId('proxy-my-qr').getByTestId('qr'), 180);
  });
});
