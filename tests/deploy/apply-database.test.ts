/**
 * scripts/apply-database.ts through the real @cloudbase/manager-node, whose signed Tencent Cloud API
 * requests go to a loopback server (TCB_BASE_URL) that verifies each signature and keeps the
 * environment's collections, indexes and security rules.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDEXES } from '../../cloudfunctions/_core/store/indexes';
import {
  type ApplyReport,
  applyDatabase,
  type DatabaseSettings,
  databaseSettings,
  hasChanges,
  managerFromEnv,
  NO_CLIENT_ACCESS,
} from '../../scripts/apply-database';
import { startTestRuntime } from '../support/runtime';
import { startTcbApiLoopback, type TcbApiLoopback } from '../support/tcb-api-loopback';

const ROOT = path.resolve(__dirname, '..', '..');
const CREDENTIALS = {
  TCB_ENV_ID: 'gongzhi-prod-1a2b',
  TENCENTCLOUD_SECRETID: 'AKIDloopback',
  TENCENTCLOUD_SECRETKEY: 'loopback-key',
};
const MUTATIONS = ['CreateTable', 'UpdateTable', 'ModifySafeRule'];

let api: TcbApiLoopback;
const savedBaseUrl = process.env.TCB_BASE_URL;
beforeEach(async () => {
  api = await startTcbApiLoopback({
    envId: CREDENTIALS.TCB_ENV_ID,
    secretId: CREDENTIALS.TENCENTCLOUD_SECRETID,
    secretKey: CREDENTIALS.TENCENTCLOUD_SECRETKEY,
  });
  process.env.TCB_BASE_URL = api.url;
});
afterEach(async () => {
  await api.close();
  if (savedBaseUrl === undefined) delete process.env.TCB_BASE_URL;
  else process.env.TCB_BASE_URL = savedBaseUrl;
});

const manager = () => managerFromEnv({ ...CREDENTIALS } as NodeJS.ProcessEnv);
const apply = (settings?: DatabaseSettings, dryRun = false) => applyDatabase(manager(), settings, { dryRun });
const mutationsSince = (from: number) => api.calls.slice(from).filter((c) => MUTATIONS.includes(c.action));

/** A few collections, to keep the drift cases small. */
function slice(collections: string[]): DatabaseSettings {
  const all = databaseSettings();
  return {
    ...all,
    collections: [...collections].sort(),
    indexes: all.indexes.filter((index) => collections.includes(index.collection)),
  };
}

describe('database settings', () => {
  it('cover every collection the code declares and every declared index, with names CloudBase accepts', () => {
    const settings = databaseSettings();
    expect(settings.securityRule).toEqual({ read: false, write: false });
    expect(settings.indexes).toHaveLength(INDEXES.length);
    for (const index of settings.indexes) {
      expect(settings.collections).toContain(index.collection);
      expect(index.name).toMatch(/^[A-Za-z0-9_]{1,128}$/);
    }
    const names = settings.indexes.map((index) => `${index.collection}.${index.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(settings.collections).toEqual(expect.arrayContaining(['reports', 'idempotency', 'outbox', 'audit']));
  });

  describe('a seeded local runtime uses no collection the settings miss', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'collections-'));
    let used: string[] = [];
    beforeAll(async () => {
      const t = await startTestRuntime({ dataDir });
      await t.close();
      const db = new Database(path.join(dataDir, 'gongzhi.sqlite'), { readonly: true });
      used = (
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'")
          .all() as Array<{ name: string }>
      ).map((r) => r.name.slice(2));
      db.close();
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
    it('lists every collection the seed wrote', () => {
      expect(used.length).toBeGreaterThan(10);
      expect(used.filter((name) => !databaseSettings().collections.includes(name))).toEqual([]);
    });
  });
});

describe('npm run db:apply against an environment', () => {
  it('first run creates every collection and index and shuts clients out; a second run changes nothing', async () => {
    const settings = databaseSettings();
    const first = await apply();
    expect(first.collections.created).toEqual(settings.collections);
    expect(first.indexes.created).toHaveLength(settings.indexes.length);
    expect(first.rules.applied).toEqual(settings.collections);
    expect(first.drift).toEqual([]);
    for (const index of settings.indexes) {
      const found = api.collections.get(index.collection)?.indexes.find((i) => i.Name === index.name);
      expect(found, `${index.collection}.${index.name}`).toEqual({
        Name: index.name,
        Keys: index.keys.map((k) => ({ Name: k.name, Direction: k.direction })),
        Unique: index.unique,
      });
    }
    for (const name of settings.collections) {
      const collection = api.collections.get(name);
      expect(collection?.aclTag).toBe('CUSTOM');
      expect(JSON.parse(collection?.rule ?? 'null')).toEqual(NO_CLIENT_ACCESS);
    }
    // One UpdateTable per collection with indexes: all of its indexes at once.
    const updates = api.calls.filter((c) => c.action === 'UpdateTable');
    expect(updates).toHaveLength(new Set(settings.indexes.map((i) => i.collection)).size);

    const before = api.calls.length;
    const second = await apply();
    expect(mutationsSince(before)).toEqual([]);
    expect(hasChanges(second)).toBe(false);
    expect(second.collections.existing).toEqual(settings.collections);
    expect(second.indexes.existing).toHaveLength(settings.indexes.length);
    expect(second.drift).toEqual([]);
    expect(api.rebuilt()).toEqual([]);
    expect(api.rejectedSignatures()).toBe(0);
  });

  it('adds a missing index and only that one', async () => {
    const settings = slice(['reports', 'outbox', 'users']);
    await apply(settings);
    const reports = api.collections.get('reports');
    if (!reports) throw new Error('reports was not created');
    const dropped = reports.indexes[2]?.Name as string;
    reports.indexes = reports.indexes.filter((i) => i.Name !== dropped);

    const before = api.calls.length;
    const report = await apply(settings);
    expect(report.indexes.created).toEqual([`reports.${dropped}`]);
    const mutations = mutationsSince(before);
    expect(mutations.map((c) => c.action)).toEqual(['UpdateTable']);
    const created = (mutations[0]?.params.CreateIndexes ?? []) as Array<{ IndexName: string }>;
    expect(created.map((index) => index.IndexName)).toEqual([dropped]);
    expect(
      api.collections
        .get('reports')
        ?.indexes.map((i) => i.Name)
        .sort(),
    ).toEqual(
      settings.indexes
        .filter((i) => i.collection === 'reports')
        .map((i) => i.name)
        .sort(),
    );
    expect(api.rebuilt()).toEqual([]);
  });

  it('reports drift and leaves it alone, but sets a loosened rule back to no client access', async () => {
    const settings = slice(['users', 'outbox']);
    await apply(settings);
    const users = api.collections.get('users');
    const outbox = api.collections.get('outbox');
    if (!users || !outbox) throw new Error('collections were not created');
    // Someone changed things in the console.
    const declared = users.indexes[0] as (typeof users.indexes)[number];
    declared.Keys = [{ Name: 'phone', Direction: '1' }];
    users.indexes.push({ Name: 'nickname_1', Keys: [{ Name: 'nickname', Direction: '1' }], Unique: false });
    api.collections.set('legacy_posts', { indexes: [], aclTag: 'READONLY', rule: null });
    outbox.aclTag = 'READONLY';
    outbox.rule = null;

    const before = api.calls.length;
    const report: ApplyReport = await apply(settings);
    expect(report.drift).toEqual([
      expect.stringMatching(new RegExp(`^users\\.${declared.Name}：环境中的键为 phone:1`)),
      expect.stringMatching(/^users\.nickname_1：未在 indexes\.ts 中声明/),
      expect.stringMatching(/^集合 legacy_posts：代码中未使用/),
    ]);
    expect(report.rules.applied).toEqual(['outbox']);
    expect(
      mutationsSince(before).map((c) => `${c.action} ${String(c.params.CollectionName ?? c.params.TableName)}`),
    ).toEqual(['ModifySafeRule outbox']);
    expect(users.indexes.find((i) => i.Name === declared.Name)?.Keys).toEqual([{ Name: 'phone', Direction: '1' }]);
    expect(users.indexes.some((i) => i.Name === 'nickname_1')).toBe(true);
    expect(api.collections.has('legacy_posts')).toBe(true);
    expect(JSON.parse(outbox.rule ?? 'null')).toEqual(NO_CLIENT_ACCESS);
  });

  it('--check says what would change and changes nothing', async () => {
    const report = await apply(slice(['reports', 'outbox']), true);
    expect(hasChanges(report)).toBe(true);
    expect(report.collections.created).toEqual(['outbox', 'reports']);
    expect(mutationsSince(0)).toEqual([]);
    expect(api.collections.size).toBe(0);
  });

  it('a wrong secret key is refused by the API and the run fails', async () => {
    const wrong = managerFromEnv({ ...CREDENTIALS, TENCENTCLOUD_SECRETKEY: 'not-the-key' } as NodeJS.ProcessEnv);
    await expect(applyDatabase(wrong, slice(['users']))).rejects.toThrow(/签名验证失败/);
    expect(api.collections.size).toBe(0);
  });

  it('as a command: applies with credentials, and without them names what is missing and exits 1', async () => {
    const run = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/apply-database.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      }).then(
        (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    // Both at once: each start loads tsx and the manager (seconds on this machine).
    const [missing, applied] = await Promise.all([
      run({ TCB_ENV_ID: CREDENTIALS.TCB_ENV_ID }),
      run({ ...CREDENTIALS, TCB_BASE_URL: api.url }),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('TENCENTCLOUD_SECRETID');
    expect(missing.stderr).toContain('TENCENTCLOUD_SECRETKEY');
    expect(api.rejectedSignatures()).toBe(0);

    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`集合：新建 ${databaseSettings().collections.length}`);
    expect(api.collections.size).toBe(databaseSettings().collections.length);
  }, 30_000);
});
