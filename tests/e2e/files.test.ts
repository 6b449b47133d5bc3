import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectVisible, startE2E } from '../support/e2e';

// A real 1×1 PNG: the browser must decode it through the signed URL.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('h5 in Chromium: photos show through signed URLs, and only through them (finding 4)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a report’s photo decodes in the page; the same path without its signature is refused', async () => {
    const photo = await e2e.runtime.files.save({ bytes: PNG, contentType: 'image/png', ownerId: 'demo-resident' });
    const { id } = await e2e.as('demo-resident').ok('reports', 'submit', {
      category: 'environment',
      description: '单元门口的路灯坏了，晚上很黑',
      photos: [photo],
      location: { address: '潇湘社区 2 号楼' },
      anonymous: false,
    });
    const page = await e2e.pageAs('demo-resident');
    await page.goto(`${e2e.baseUrl}/#/packages/reports/detail/index?id=${id}`);
    const img = page.getByTestId('report-detail').locator('img').first();
    await expectVisible(img);
    await page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await img.elementHandle(),
      { timeout: 10_000 },
    );
    const src = (await img.getAttribute('src')) ?? '';
    expect(src).toMatch(/\/files\/[a-f0-9]{24}\.png\?e=\d+&s=[\w-]{43}$/);
    const statuses = await page.evaluate(async (signed) => {
      const bare = signed.split('?')[0] ?? signed;
      const [ok, refused] = await Promise.all([fetch(signed), fetch(bare)]);
      return { ok: ok.status, nosniff: ok.headers.get('x-content-type-options'), refused: refused.status };
    }, src);
    expect(statuses).toEqual({ ok: 200, nosniff: 'nosniff', refused: 403 });
  });
});
