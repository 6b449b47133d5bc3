import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_DEFINITIONS } from '../../cloudfunctions/registry';
import { HANDLER } from '../../scripts/build-functions';
import {
  bundleFileOf,
  databaseSettings,
  MAX_ZIP_BYTES,
  mergeEnvironment,
  missingCredentials,
  packageFunction,
  readFunctionSpecs,
} from '../../scripts/deploy';
import { readZip } from '../../scripts/lib/zip';
import { startTcbApiLoopback, type TcbApiLoopback } from '../support/tcb-api-loopback';

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

/**
 * The deploy as an operator runs it: `scripts/deploy.ts` in its own process, its signed requests
 * (through @cloudbase/manager-node and its http_proxy support) answered by the loopback Tencent Cloud
 * API over TLS, for SCF and tcb alike.
 */
describe('npm run deploy against an environment', () => {
  const CREDENTIALS = {
    TCB_ENV_ID: 'gongzhi-prod-1a2b',
    TENCENTCLOUD_SECRETID: 'AKIDloopback',
    TENCENTCLOUD_SECRETKEY: 'loopback-key',
  };
  let api: TcbApiLoopback;
  beforeAll(async () => {
    api = await startTcbApiLoopback({
      envId: CREDENTIALS.TCB_ENV_ID,
      secretId: CREDENTIALS.TENCENTCLOUD_SECRETID,
      secretKey: CREDENTIALS.TENCENTCLOUD_SECRETKEY,
      proxy: true,
    });
  });
  afterAll(async () => {
    await api.close();
  });
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...CREDENTIALS,
        http_proxy: api.proxyUrl,
        NODE_EXTRA_CA_CERTS: api.caFile,
        GONGZHI_DEPLOY_POLL_MS: '5',
        ...extra,
      },
    }).then(
      (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const specs = readFunctionSpecs();

  it('--dry-run prints every function, handler, trigger and environment key, and sends nothing', async () => {
    const out = await run(['--dry-run'], { GONGZHI_TEMPLATE_REPORT_PROGRESS: 'tpl-secret-123' });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    for (const spec of specs) {
      expect(out.stdout).toContain(`云函数 ${spec.name}`);
      expect(out.stdout).toContain(`入口 handler: ${spec.handler}`);
      for (const trigger of spec.triggers)
        expect(out.stdout).toContain(`定时触发器 ${trigger.name}: ${trigger.config}`);
      for (const key of Object.keys(spec.envVariables)) expect(out.stdout).toContain(key);
    }
    expect(out.stdout).toContain(`确保 ${databaseSettings().collections.length} 个集合存在`);
    expect(out.stdout).not.toContain('tpl-secret-123');
    expect(out.stdout).not.toMatch(/GONGZHI_MODE\s*[=:]\s*cloud/);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('deploys every function with its code, handler and triggers; a re-run keeps what the operator set', async () => {
    const first = await run([]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(api.rejectedSignatures()).toBe(0);
    for (const spec of specs) {
      const fn = api.functions.get(spec.name);
      expect(fn, spec.name).toBeDefined();
      if (!fn) continue;
      expect([fn.handler, fn.runtime, fn.timeout, fn.memorySize, fn.installDependency]).toEqual([
        spec.handler,
        spec.runtime,
        spec.timeout,
        spec.memorySize,
        'FALSE',
      ]);
      const files = Object.fromEntries(readZip(fn.zip).map((entry) => [entry.name, entry.data]));
      const bundle = bundleFileOf(spec.handler);
      // The code at the handler's path is the bundle build-functions wrote, byte for byte.
      expect(files[bundle]?.equals(readFileSync(path.join(ROOT, 'cloudfunctions', spec.name, bundle)))).toBe(true);
      expect(Object.keys(files).every((name) => !name.endsWith('.ts'))).toBe(true);
      expect(Object.fromEntries([...fn.triggers].map(([name, t]) => [name, t.desc]))).toEqual(
        Object.fromEntries(spec.triggers.map((t) => [t.name, t.config])),
      );
      expect(Object.keys(fn.environment).sort()).toEqual(Object.keys(spec.envVariables).sort());
    }
    expect(api.functions.size).toBe(specs.length);
    expect(api.collections.size).toBe(databaseSettings().collections.length);

    // In the console the operator sets one template id and a key of their own, and edits a timer.
    const inbox = api.functions.get('inbox');
    const reports = api.functions.get('reports');
    if (!inbox || !reports) throw new Error('not deployed');
    inbox.environment.GONGZHI_TEMPLATE_REPORT_PROGRESS = 'tpl-from-console';
    inbox.environment.OPERATOR_NOTE = 'kept';
    reports.triggers.set('slaSweep', { type: 'timer', desc: '0 0 * * * * *' });
    const before = api.calls.length;

    const second = await run([], { GONGZHI_TEMPLATE_MEETING_REMINDER: 'tpl-passed' });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const calls = api.calls
      .slice(before)
      .filter((c) => c.service === 'scf')
      .map((c) => c.action);
    expect(calls.filter((a) => a === 'CreateFunction')).toEqual([]);
    expect(calls.filter((a) => a === 'UpdateFunctionCode')).toHaveLength(specs.length);
    expect(calls.filter((a) => a === 'CreateTrigger')).toEqual(['CreateTrigger']);
    expect(inbox.environment).toMatchObject({
      GONGZHI_MODE: 'cloud',
      GONGZHI_TEMPLATE_REPORT_PROGRESS: 'tpl-from-console',
      GONGZHI_TEMPLATE_MEETING_REMINDER: 'tpl-passed',
      OPERATOR_NOTE: 'kept',
    });
    expect(reports.triggers.get('slaSweep')?.desc).toBe(
      specs.find((s) => s.name === 'reports')?.triggers.find((t) => t.name === 'slaSweep')?.config,
    );
    expect(second.stdout).toContain('保留环境中已设的 GONGZHI_TEMPLATE_REPORT_PROGRESS');
    expect(api.rejectedSignatures()).toBe(0);
  }, 180_000);
});

describe('the environment a deploy leaves', () => {
  const spec = {
    name: 'inbox',
    handler: 'index.main',
    runtime: 'Nodejs18.15',
    timeout: 10,
    memorySize: 256,
    installDependency: false,
    envVariables: { GONGZHI_MODE: 'cloud', GONGZHI_TEMPLATE_X: '', GONGZHI_TEMPLATE_Y: '' },
    triggers: [],
  };
  it('code values always win, operator values are kept unless passed, console-only keys stay', () => {
    const merged = mergeEnvironment(
      spec,
      { GONGZHI_MODE: 'local', GONGZHI_TEMPLATE_X: 'x-console', GONGZHI_TEMPLATE_Y: 'y-console', EXTRA: 'e' },
      { GONGZHI_TEMPLATE_Y: 'y-passed' },
    );
    expect(merged.values).toEqual({
      GONGZHI_MODE: 'cloud',
      GONGZHI_TEMPLATE_X: 'x-console',
      GONGZHI_TEMPLATE_Y: 'y-passed',
      EXTRA: 'e',
    });
    expect(merged.kept).toEqual(['GONGZHI_TEMPLATE_X']);
    expect(merged.passed).toEqual(['GONGZHI_TEMPLATE_Y']);
    expect(mergeEnvironment(spec, {}, {}).values).toEqual({
      GONGZHI_MODE: 'cloud',
      GONGZHI_TEMPLATE_X: '',
      GONGZHI_TEMPLATE_Y: '',
    });
  });
  it('code over the 1.5 MB direct-upload limit is refused before anything is sent, saying what to do', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongzhi-big-'));
    try {
      mkdirSync(path.join(root, 'big'));
      // Random text does not compress below the limit.
      writeFileSync(path.join(root, 'big', 'index.js'), randomBytes(Math.ceil(MAX_ZIP_BYTES * 1.2)).toString('base64'));
      const spec = { ...readFunctionSpecs()[0], name: 'big', handler: 'index.main' } as Parameters<
        typeof packageFunction
      >[0];
      expect(() => packageFunction(spec, root)).toThrow(/超过接口直传上限 1\.5 MB.*COS/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('the handler names the bundle file', () => {
    expect(bundleFileOf('index.main')).toBe('index.js');
    expect(bundleFileOf('dist/index.main')).toBe('dist/index.js');
    expect(() => bundleFileOf('main')).toThrow();
  });
});
