/**
 * npm run deploy — deploys the cloud functions and database settings to a CloudBase environment.
 * Needs TCB_ENV_ID plus TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (an API key of the Tencent
 * Cloud account that owns the environment). Without them it says what is missing and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { INDEXES } from '../cloudfunctions/_core/store/indexes';
import { buildFunctions } from './build-functions';

const REQUIRED = {
  TCB_ENV_ID: '云开发环境 ID（云开发控制台 → 环境 → 环境 ID）',
  TENCENTCLOUD_SECRETID: '腾讯云 API 密钥 SecretId（访问管理 → API 密钥管理）',
  TENCENTCLOUD_SECRETKEY: '腾讯云 API 密钥 SecretKey',
} as const;

export function missingCredentials(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(REQUIRED)
    .filter(([key]) => !env[key])
    .map(([key, what]) => `${key}: ${what}`);
}

/** Collections, indexes and the security rule clients get: none may touch the database directly. */
export function databaseSettings() {
  const collections = [...new Set(INDEXES.map((index) => index.collection))].sort();
  return {
    // Every read and write goes through the cloud functions, which authorize each call.
    securityRule: { read: false, write: false },
    collections,
    indexes: INDEXES.map((index) => ({
      collection: index.collection,
      name: index.name ?? index.fields.map(([field, direction]) => `${field}_${direction}`).join('_'),
      keys: index.fields.map(([field, direction]) => ({ name: field, direction: String(direction) })),
      unique: index.unique ?? false,
    })),
  };
}

async function deploy(): Promise<void> {
  const missing = missingCredentials(process.env);
  if (missing.length > 0) {
    console.error('无法部署：缺少以下环境变量\n');
    for (const line of missing) console.error(`  - ${line}`);
    console.error('\n设置后重新运行 npm run deploy。步骤见 README「部署到云开发 CloudBase」。');
    process.exit(1);
  }
  const reports = await buildFunctions();
  const root = path.resolve(__dirname, '..');
  writeFileSync(path.join(root, 'build-database-settings.json'), `${JSON.stringify(databaseSettings(), null, 2)}\n`);
  for (const report of reports) {
    console.log(`部署云函数 ${report.name} (${(report.bytes / 1024).toFixed(0)} KB) …`);
    const result = spawnSync(
      'npx',
      ['--yes', '@cloudbase/cli', 'fn', 'deploy', report.name, '-e', String(process.env.TCB_ENV_ID), '--force'],
      { stdio: 'inherit', cwd: root },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  console.log('云函数已部署。数据库集合、索引和安全规则见 build-database-settings.json（README 说明如何应用）。');
}

if (require.main === module) {
  void deploy();
}
