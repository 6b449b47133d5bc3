import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FUNCTION_DEFINITIONS } from '../../cloudfunctions/registry';
import { HANDLER } from '../../scripts/build-functions';
import { missingCredentials } from '../../scripts/deploy';

const ROOT = path.resolve(__dirname, '..', '..');

describe('deploying to CloudBase', () => {
  it('npm run deploy without credentials fails with a clear message and a non-zero exit', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const failure = await promisify(execFile)('npx', ['tsx', 'scripts/deploy.ts'], { cwd: ROOT, env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).not.toBeNull();
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('缺少以下环境变量');
    for (const key of ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'])
      expect(failure?.stderr).toContain(key);
  });

  it('names only what is missing', () => {
    expect(missingCredentials({ TCB_ENV_ID: 'env-1', TENCENTCLOUD_SECRETID: 'id' })).toEqual([
      expect.stringContaining('TENCENTCLOUD_SECRETKEY'),
    ]);
    expect(missingCredentials({ TCB_ENV_ID: 'e', TENCENTCLOUD_SECRETID: 'i', TENCENTCLOUD_SECRETKEY: 'k' })).toEqual(
      [],
    );
  });

  it('cloudbaserc.json declares every function, deployed from its bundle with nothing to install', () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'));
    expect(config.functions.map((f: { name: string }) => f.name).sort()).toEqual(
      FUNCTION_DEFINITIONS.map((f) => f.name).sort(),
    );
    for (const fn of config.functions) {
      expect(fn.handler).toBe(HANDLER);
      expect(fn.installDependency).toBe(false);
      expect(fn.runtime).toMatch(/^Nodejs18/);
    }
  });
});
