/**
 * npm run deploy — deploys the cloud functions, then applies the database settings
 * (scripts/apply-database.ts: collections, indexes, no-client-access rules) to a CloudBase environment.
 * Needs TCB_ENV_ID plus TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (an API key of the Tencent
 * Cloud account that owns the environment). Without them it says what is missing and exits 1.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { applyDatabase, databaseSettings, managerFromEnv, summary } from './apply-database';
import { buildFunctions } from './build-functions';
import { missingCredentials } from './lib/credentials';

export { databaseSettings, missingCredentials };

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
  for (const report of reports) {
    console.log(`部署云函数 ${report.name} (${(report.bytes / 1024).toFixed(0)} KB) …`);
    const result = spawnSync(
      'npx',
      ['--yes', '@cloudbase/cli', 'fn', 'deploy', report.name, '-e', String(process.env.TCB_ENV_ID), '--force'],
      { stdio: 'inherit', cwd: root },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  console.log('云函数已部署。应用数据库集合、索引和安全规则 …');
  const report = await applyDatabase(managerFromEnv(), databaseSettings(), { log: (line) => console.log(line) });
  console.log(summary(report));
  console.log('部署完成。');
}

if (require.main === module) {
  deploy().catch((error: unknown) => {
    console.error(`部署失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
