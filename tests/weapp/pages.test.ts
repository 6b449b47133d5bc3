import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Weapp } from './runtime';

describe('every page of the weapp build renders in WeChat’s component framework', () => {
  let weapp: Weapp;
  beforeAll(async () => {
    weapp = await Weapp.start({ persona: 'demo-staff' });
  });
  afterAll(() => weapp?.close());

  it('home renders the signed-in person from the built identity bundle', async () => {
    await weapp.waitForText('陈书记');
    expect(weapp.record.calls).toContainEqual({ name: 'identity', action: 'me' });
  });

  it('each route opens with no missing template and no API outside the simulated surface', async () => {
    const routes = weapp.routes();
    const empty: string[] = [];
    for (const route of routes) {
      await (globalThis as any).wx.reLaunch({ url: `/${route}` });
      await weapp.settle(20, 5_000);
      if (weapp.text().length === 0) empty.push(route);
    }
    console.log(`${routes.length} routes opened; rendered nothing: ${empty.join(', ') || 'none'}`);
    expect(weapp.warnings.filter((w) => /Template/.test(w))).toEqual([]);
    expect(weapp.record.missing).toEqual([]);
    expect(empty).toEqual([]);
  });
});
