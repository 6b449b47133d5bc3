import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createGateway } from '../../local/server';
import { startTestRuntime, type TestRuntime } from './runtime';

export const H5_DIR = path.resolve(__dirname, '..', '..', process.env.E2E_H5_DIR ?? 'dist-h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E extends TestRuntime {
  baseUrl: string;
  browser: Browser;
  /** A phone-sized page signed in as `openid` through the persona picker. */
  pageAs(openid: string): Promise<Page>;
  /** Saves a screenshot under .data/screenshots for people to look at. */
  screenshot(page: Page, name: string): Promise<void>;
}

/** The real local gateway (h5 build + functions + embedded store) and Debian's Chromium. */
export async function startE2E(): Promise<E2E> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`no h5 build in ${H5_DIR}: run npm run build:h5 (npm test does it first)`);
  }
  const test = await startTestRuntime();
  const server = createGateway({ runtime: test.runtime, staticDir: H5_DIR, devLogin: true, rateLimitPerSecond: 1000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const pageAs = async (openid: string): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/pages/login/index`);
    await page.locator(`[data-openid="${openid}"]`).click();
    await page.waitForURL(/pages\/index\/index/);
    // The URL changes before Taro's switchTab has finished mounting the home page; a test that goes
    // elsewhere at once can be sent back by the tail of that navigation (seen under load). Wait until
    // the home page is shown and its first calls have answered.
    await page.locator('.taro_page').first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    return page;
  };

  return {
    ...test,
    baseUrl,
    browser,
    pageAs,
    async screenshot(page, name) {
      await page.screenshot({
        path: path.resolve(__dirname, '..', '..', '.data', 'screenshots', `${name}.png`),
        fullPage: true,
      });
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await test.close();
    },
  };
}

/** Waits for a locator to be visible (throws after the timeout), so a test reads as an assertion. */
export async function expectVisible(locator: import('playwright-core').Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/**
 * Taps the NutUI control (cell, button, grid item) showing `text`: their wrappers intercept the
 * pointer, so clicking the inner text never lands.
 */
export async function tapNut(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.nut-cell, .nut-button, .nut-grid-item', { hasText: text }).first().click();
}
