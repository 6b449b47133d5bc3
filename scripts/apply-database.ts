/**
 * npm run db:apply — applies the database settings to a CloudBase environment: every collection the
 * functions use, the indexes declared in cloudfunctions/_core/store/indexes.ts (the same declaration
 * the embedded store builds its SQLite indexes from), and a security rule that gives clients no
 * direct access (the functions authorize every read and write; they use the admin SDK, which rules
 * do not restrict). `npm run deploy` runs it after the functions.
 *
 * Idempotent: creates what is missing and leaves what exists. An index that exists under a declared
 * name with other keys, or one that is not declared, is reported as drift and left alone (dropping
 * an index on a live collection is a decision for a person). A collection whose rule lets clients in
 * is set back to no client access, and reported.
 *
 * Talks to the Tencent Cloud API (tcb 2018-06-08: CreateTable, DescribeTable, UpdateTable,
 * ListTables, DescribeSafeRule, ModifySafeRule) through @cloudbase/manager-node, which signs each
 * request (TC3-HMAC-SHA256). Its endpoint follows TCB_BASE_URL (tests point it at a loopback server)
 * and the region follows TCB_REGION (default ap-shanghai).
 *
 *   npm run db:apply              apply
 *   npm run db:apply -- --check   only report what would change (exit 1 if anything would)
 */
import type CloudBase from '@cloudbase/manager-node';
import { declaredCollections } from '../cloudfunctions/_core/store/collections';
import { INDEXES, type IndexSpec } from '../cloudfunctions/_core/store/indexes';
import { missingCredentials } from './lib/credentials';

/** Clients get nothing: every read and write goes through the cloud functions. */
export const NO_CLIENT_ACCESS = { read: false, write: false } as const;

export interface PlannedIndex {
  collection: string;
  name: string;
  keys: Array<{ name: string; direction: '1' | '-1' }>;
  unique: boolean;
}

export interface DatabaseSettings {
  securityRule: typeof NO_CLIENT_ACCESS;
  collections: string[];
  indexes: PlannedIndex[];
}

/** Letters, digits and underscores only: `communityId_asc_at_desc`, or the spec's own name. */
export function indexName(spec: IndexSpec): string {
  return spec.name ?? spec.fields.map(([field, direction]) => `${field}_${direction === 1 ? 'asc' : 'desc'}`).join('_');
}

/** Collections (cloudfunctions/_core/store/collections.ts), indexes and the rule, from the code's own declarations. */
export function databaseSettings(): DatabaseSettings {
  const collections = declaredCollections();
  return {
    securityRule: NO_CLIENT_ACCESS,
    collections,
    indexes: INDEXES.map((index) => ({
      collection: index.collection,
      name: indexName(index),
      keys: index.fields.map(([field, direction]) => ({ name: field, direction: direction === 1 ? '1' : '-1' })),
      unique: index.unique ?? false,
    })),
  };
}

export interface ApplyReport {
  collections: { created: string[]; existing: string[] };
  /** `collection.indexName` */
  indexes: { created: string[]; existing: string[] };
  rules: { applied: string[]; existing: string[] };
  /** What differs from the declaration and was left alone, one line each. */
  drift: string[];
}

/** The part of the manager this script uses (the real CloudBase manager satisfies it). */
export type Manager = Pick<CloudBase, 'database' | 'commonService'> & {
  getEnvironmentManager(): { getCurrentEnv(): { getEnvId(): string } };
};

interface RemoteIndex {
  Name: string;
  Keys?: Array<{ Name?: string; Direction?: string }>;
  Unique?: boolean;
}

const keysText = (keys: Array<{ name: string; direction: string }>) =>
  keys.map((k) => `${k.name}:${k.direction}`).join(',');
const remoteKeys = (index: RemoteIndex) =>
  (index.Keys ?? []).map((k) => ({ name: String(k.Name), direction: String(k.Direction) }));

function isNoClientAccess(aclTag: unknown, rule: unknown): boolean {
  if (aclTag === 'ADMINONLY') return true; // 仅管理员可读写: the same thing as a preset
  if (aclTag !== 'CUSTOM' || typeof rule !== 'string') return false;
  try {
    const parsed = JSON.parse(rule) as Record<string, unknown>;
    return Object.keys(parsed).length === 2 && parsed.read === false && parsed.write === false;
  } catch {
    return false;
  }
}

export async function applyDatabase(
  manager: Manager,
  settings: DatabaseSettings = databaseSettings(),
  options: { dryRun?: boolean; log?: (line: string) => void } = {},
): Promise<ApplyReport> {
  const log = options.log ?? (() => undefined);
  const dryRun = options.dryRun ?? false;
  const envId = manager.getEnvironmentManager().getCurrentEnv().getEnvId();
  const database = manager.database;
  const tcb = manager.commonService('tcb', '2018-06-08');
  const report: ApplyReport = {
    collections: { created: [], existing: [] },
    indexes: { created: [], existing: [] },
    rules: { applied: [], existing: [] },
    drift: [],
  };

  for (const collection of settings.collections) {
    // 1. The collection.
    const exists = (await database.checkCollectionExists(collection)).Exists;
    if (exists) report.collections.existing.push(collection);
    else {
      if (!dryRun) await database.createCollectionIfNotExists(collection);
      report.collections.created.push(collection);
      log(`${dryRun ? '将创建' : '已创建'}集合 ${collection}`);
    }

    // 2. Its indexes: create the missing ones in one UpdateTable (which rebuilds a name it already has,
    // so only missing names are ever sent).
    const remote: RemoteIndex[] = exists ? ((await database.describeCollection(collection)).Indexes ?? []) : [];
    const declared = settings.indexes.filter((index) => index.collection === collection);
    const missing: PlannedIndex[] = [];
    for (const index of declared) {
      const wanted = keysText(index.keys);
      const sameName = remote.find((r) => r.Name === index.name);
      const sameKeys = remote.find((r) => keysText(remoteKeys(r)) === wanted && Boolean(r.Unique) === index.unique);
      if (sameName && sameName === sameKeys) report.indexes.existing.push(`${collection}.${index.name}`);
      else if (sameName) {
        report.drift.push(
          `${collection}.${index.name}：环境中的键为 ${keysText(remoteKeys(sameName))}${sameName.Unique ? '（唯一）' : ''}，声明为 ${wanted}${index.unique ? '（唯一）' : ''}；未改动（如需按声明重建，请先在控制台删除该索引）`,
        );
      } else if (sameKeys) {
        report.indexes.existing.push(`${collection}.${index.name}`);
        report.drift.push(`${collection}.${index.name}：已以名称 ${sameKeys.Name} 存在（键相同），未改动`);
      } else missing.push(index);
    }
    const declaredKeys = new Set(declared.map((index) => keysText(index.keys)));
    for (const r of remote) {
      if (r.Name === '_id_' || declared.some((index) => index.name === r.Name)) continue;
      if (declaredKeys.has(keysText(remoteKeys(r)))) continue;
      report.drift.push(`${collection}.${r.Name}：未在 indexes.ts 中声明，未改动`);
    }
    if (missing.length > 0) {
      if (!dryRun) {
        await database.updateCollection(collection, {
          CreateIndexes: missing.map((index) => ({
            IndexName: index.name,
            MgoKeySchema: {
              MgoIndexKeys: index.keys.map((k) => ({ Name: k.name, Direction: k.direction })),
              MgoIsUnique: index.unique,
            },
          })),
        });
        // UpdateTable may create some and fail others: check each one is there now.
        const after = (await database.describeCollection(collection)).Indexes ?? [];
        const absent = missing.filter((index) => !after.some((r: RemoteIndex) => r.Name === index.name));
        if (absent.length > 0)
          throw new Error(`索引创建失败：${absent.map((index) => `${collection}.${index.name}`).join('、')}`);
      }
      for (const index of missing) {
        report.indexes.created.push(`${collection}.${index.name}`);
        log(`${dryRun ? '将创建' : '已创建'}索引 ${collection}.${index.name} (${keysText(index.keys)})`);
      }
    }

    // 3. The security rule: no client access.
    const current = exists
      ? await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: collection } })
      : { AclTag: undefined, Rule: undefined };
    if (isNoClientAccess(current.AclTag, current.Rule)) report.rules.existing.push(collection);
    else {
      if (!dryRun) {
        await tcb.call({
          Action: 'ModifySafeRule',
          Param: {
            EnvId: envId,
            CollectionName: collection,
            AclTag: 'CUSTOM',
            Rule: JSON.stringify(settings.securityRule),
          },
        });
        const now = await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: collection } });
        if (!isNoClientAccess(now.AclTag, now.Rule))
          throw new Error(`安全规则未生效：${collection} 仍为 ${now.AclTag}`);
      }
      report.rules.applied.push(collection);
      const was = exists ? `（原为 ${current.AclTag ?? '未设置'}${current.Rule ? ` ${current.Rule}` : ''}）` : '';
      log(`${dryRun ? '将设置' : '已设置'}安全规则 ${collection}：客户端不可直接读写${was}`);
    }
  }

  // 4. Collections in the environment that the code does not use: reported, never removed.
  const wanted = new Set(settings.collections);
  for (let offset = 0; ; offset += 100) {
    const page = await database.listCollections({ MgoOffset: offset, MgoLimit: 100 });
    for (const c of page.Collections ?? []) {
      if (!wanted.has(c.CollectionName)) report.drift.push(`集合 ${c.CollectionName}：代码中未使用，未改动`);
    }
    if ((page.Collections ?? []).length < 100) break;
  }
  return report;
}

export function summary(report: ApplyReport, dryRun = false): string {
  const verb = dryRun ? '将创建' : '新建';
  const lines = [
    `集合：${verb} ${report.collections.created.length}，已存在 ${report.collections.existing.length}`,
    `索引：${verb} ${report.indexes.created.length}，已存在 ${report.indexes.existing.length}`,
    `安全规则（客户端不可直接读写）：${dryRun ? '将设置' : '设置'} ${report.rules.applied.length}，已符合 ${report.rules.existing.length}`,
  ];
  if (report.drift.length > 0) lines.push(`与声明不一致（未改动）：`, ...report.drift.map((line) => `  - ${line}`));
  return lines.join('\n');
}

export const hasChanges = (report: ApplyReport) =>
  report.collections.created.length + report.indexes.created.length + report.rules.applied.length > 0;

export function managerFromEnv(env: NodeJS.ProcessEnv = process.env): Manager {
  // Loaded on use: it takes a second or two, which `npm run deploy` without credentials need not wait.
  const Manager = require('@cloudbase/manager-node') as typeof CloudBase;
  return new Manager({
    secretId: env.TENCENTCLOUD_SECRETID,
    secretKey: env.TENCENTCLOUD_SECRETKEY,
    token: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
    envId: env.TCB_ENV_ID,
    region: env.TCB_REGION || undefined,
  }) as unknown as Manager;
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--check');
  const missing = missingCredentials(process.env);
  if (missing.length > 0) {
    console.error('无法应用数据库设置：缺少以下环境变量\n');
    for (const line of missing) console.error(`  - ${line}`);
    console.error('\n设置后重新运行 npm run db:apply。步骤见 README「部署到云开发 CloudBase」。');
    process.exit(1);
  }
  console.log(`${dryRun ? '检查' : '应用'}数据库设置到环境 ${process.env.TCB_ENV_ID} …`);
  const report = await applyDatabase(managerFromEnv(), databaseSettings(), { dryRun, log: (l) => console.log(l) });
  console.log(summary(report, dryRun));
  if (dryRun && hasChanges(report)) process.exit(1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`应用数据库设置失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
