import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Weapp, type WeappOptions } from './runtime';

/**
 * One app for a journey's describe block: started before its tests (handed over through `set`),
 * a missing template after any test fails it, and the setData figures are written for npm run bench
 * before the app closes.
 */
export function journeyApp(
  options: WeappOptions,
  figures: { name: string; journey: string },
  set: (weapp: Weapp) => void | Promise<void>,
): void {
  let app: Weapp | undefined;
  beforeAll(async () => {
    app = await Weapp.start(options);
    await set(app);
  });
  afterEach(() => {
    expect(app?.warnings.filter((w) => /Template/.test(w))).toEqual([]);
  });
  afterAll(async () => {
    app?.writeFigures(figures.name, { journey: figures.journey });
    await app?.close();
  });
}
