/**
 * npm run deploy — bundles the cloud functions, deploys each one to a CloudBase environment as
 * `cloudbaserc.json` declares it (code, handler, runtime, timeout, memory, environment variables,
 * timer triggers), then applies the database settings (scripts/apply-database.ts).
 *
 * Talks to the Tencent Cloud API through @cloudbase/manager-node (the library `db:apply` uses; it
 * signs each request with TC3-HMAC-SHA256 and honours `http_proxy`): SCF 2018-04-16 GetFunction,
 * CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration, CreateTrigger, DeleteTrigger. The
 * calls are made here rather than through the manager's createFunction, which polls every second
 * with no way to shorten it and uploads through COS; our bundles fit the API's 1.5 MB ZipFile.
 *
 * Environment variables: a value written in cloudbaserc.json belongs to the code and is always set.
 * A key declared with "" belongs to the operator (template ids, per environment): a deploy keeps the
 * value the environment has (set in the console) unless the operator passes one in this shell
 * (`GONGZHI_TEMPLATE_REPORT_PROGRESS=… npm run deploy`). Keys set only in the console are kept.
 *
 *   npm run deploy               deploy
 *   npm run deploy -- --dry-run  print what would be deployed (functions, handlers, triggers,
 *                                environment KEYS, database steps); no request, no build
 * Needs TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY in both modes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyDatabase, databaseSettings, type Manager, managerFromEnv, summary } from './apply-database';
import { missingCredentials } from './lib/credentials';
import { writeZip } from './lib/zip';

export { databaseSettings, missingCredentials };

const ROOT = path.resolve(__dirname, '..');

export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionSpec {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers: TimerTrigger[];
}

interface CloudbaseRc {
  functionRoot?: string;
  functions: Array<Partial<FunctionSpec> & { name: string }>;
}

/**
 * The API's limit for Code.ZipFile. Larger code goes through COS in @cloudbase/manager-node
 * (deployMode 'cos': SCF GetTempCosInfo → a COS slice upload to the temp bucket → Code.TempCosObjectName
 * with CosBucketRegion); this script does not do that (the bundles are far smaller), it refuses instead.
 */
export const MAX_ZIP_BYTES = 1.5 * 1024 * 1024;

export function functionRoot(root = ROOT): string {
  const rc = JSON.parse(readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
  return path.resolve(root, rc.functionRoot ?? 'cloudfunctions');
}

/** Every function as cloudbaserc.json declares it; a missing field is an error, not a default. */
export function readFunctionSpecs(root = ROOT): FunctionSpec[] {
  const rc = JSON.parse(readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
  return rc.functions.map((f) => {
    for (const key of ['handler', 'runtime', 'timeout', 'memorySize'] as const) {
      if (f[key] === undefined) throw new Error(`cloudbaserc.json: 函数 ${f.name} 缺少 ${key}`);
    }
    for (const trigger of f.triggers ?? []) {
      if (trigger.type !== 'timer')
        throw new Error(`cloudbaserc.json: 函数 ${f.name} 的触发器 ${trigger.name} 不是定时触发器`);
    }
    return {
      name: f.name,
      handler: String(f.handler),
      runtime: String(f.runtime),
      timeout: Number(f.timeout),
      memorySize: Number(f.memorySize),
      installDependency: f.installDependency ?? false,
      envVariables: { ...(f.envVariables ?? {}) },
      triggers: [...(f.triggers ?? [])],
    };
  });
}

/** `dist/index.main` → `dist/index.js`: the file the runtime loads, relative to the function root. */
export function bundleFileOf(handler: string): string {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler ${handler} 应为「文件.导出函数」`);
  return `${handler.slice(0, dot)}.js`;
}

/** Keys the operator owns: declared with an empty value. */
export const operatorKeys = (spec: FunctionSpec) =>
  Object.entries(spec.envVariables)
    .filter(([, value]) => value === '')
    .map(([key]) => key);

export interface MergedEnvironment {
  values: Record<string, string>;
  /** Operator keys whose value the environment already had and kept. */
  kept: string[];
  /** Operator keys given in this shell. */
  passed: string[];
}

/** What the function's environment becomes: code values, operator values kept or passed, console-only keys kept. */
export function mergeEnvironment(
  spec: FunctionSpec,
  remote: Record<string, string>,
  shell: NodeJS.ProcessEnv,
): MergedEnvironment {
  const values: Record<string, string> = { ...remote };
  const kept: string[] = [];
  const passed: string[] = [];
  for (const [key, declared] of Object.entries(spec.envVariables)) {
    if (declared !== '') {
      values[key] = declared;
      continue;
    }
    const given = shell[key];
    if (given !== undefined && given !== '') {
      values[key] = given;
      passed.push(key);
    } else if (remote[key] !== undefined && remote[key] !== '') {
      kept.push(key);
    } else values[key] = '';
  }
  return { values, kept, passed };
}

/** The function's code: the bundle at its handler path, package.json and config.json (openapi permissions). */
export function packageFunction(spec: FunctionSpec, root = functionRoot()): { zip: Buffer; files: string[] } {
  const folder = path.join(root, spec.name);
  const bundle = bundleFileOf(spec.handler);
  if (!existsSync(path.join(folder, bundle))) {
    throw new Error(
      `函数 ${spec.name} 的入口 ${spec.handler} 需要 ${bundle}，但它不存在（先运行 npm run build:functions）`,
    );
  }
  const files = [bundle, 'package.json', 'config.json'].filter((file) => existsSync(path.join(folder, file)));
  const zip = writeZip(files.map((name) => ({ name, data: readFileSync(path.join(folder, name)) })));
  if (zip.length > MAX_ZIP_BYTES) {
    throw new Error(
      `函数 ${spec.name} 压缩后 ${(zip.length / 1024).toFixed(0)} KB，超过接口直传上限 1.5 MB：本脚本不经 COS 上传，` +
        '请先缩小函数包（npm run build:functions 只打入用到的代码），或改用 tcb fn deploy（经 COS 上传）部署该函数',
    );
  }
  return { zip, files };
}

function openapiPermissions(spec: FunctionSpec, root: string): string[] {
  const file = path.join(root, spec.name, 'config.json');
  if (!existsSync(file)) return [];
  const config = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } };
  return config.permissions?.openapi ?? [];
}

/** The dry run: what each function and the database would get. Environment values are never printed. */
export function describePlan(specs: FunctionSpec[], root = functionRoot()): string[] {
  const lines: string[] = [];
  for (const spec of specs) {
    const bundle = path.join(root, spec.name, bundleFileOf(spec.handler));
    const built = existsSync(bundle) ? `${(statSync(bundle).size / 1024).toFixed(0)} KB` : '尚未构建，部署时先构建';
    lines.push(`云函数 ${spec.name}`);
    lines.push(`  入口 handler: ${spec.handler}（代码 ${path.relative(ROOT, bundle)}，${built}）`);
    lines.push(`  运行时 ${spec.runtime}，超时 ${spec.timeout} 秒，内存 ${spec.memorySize} MB，在线安装依赖：否`);
    for (const trigger of spec.triggers) lines.push(`  定时触发器 ${trigger.name}: ${trigger.config}`);
    if (spec.triggers.length === 0) lines.push('  定时触发器：无');
    const code = Object.keys(spec.envVariables).filter((key) => spec.envVariables[key] !== '');
    const operator = operatorKeys(spec);
    lines.push(`  环境变量（代码设定）：${code.join(', ') || '无'}`);
    if (operator.length > 0)
      lines.push(`  环境变量（运维设定，保留环境中已有的值，除非本次传入）：${operator.join(', ')}`);
    const openapi = openapiPermissions(spec, root);
    if (openapi.length > 0) lines.push(`  云调用权限（config.json permissions.openapi）：${openapi.join(', ')}`);
  }
  const settings = databaseSettings();
  lines.push('数据库（npm run db:apply，部署云函数之后）：');
  lines.push(`  1. 确保 ${settings.collections.length} 个集合存在：${settings.collections.join(', ')}`);
  lines.push(
    `  2. 确保 ${settings.indexes.length} 个索引存在（cloudfunctions/_core/store/indexes.ts），不删除未声明的索引`,
  );
  lines.push(`  3. 每个集合的安全规则设为 ${JSON.stringify(settings.securityRule)}（客户端不可直接读写）`);
  return lines;
}

interface RemoteFunction {
  Status?: string;
  Runtime?: string;
  Environment?: { Variables?: Array<{ Key: string; Value: string }> };
  Triggers?: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>;
}

export interface FunctionReport {
  name: string;
  created: boolean;
  files: string[];
  zipBytes: number;
  triggers: { created: string[]; replaced: string[]; existing: string[] };
  environment: { kept: string[]; passed: string[] };
  drift: string[];
}

export interface DeployOptions {
  root?: string;
  /** Operator values for the operator-owned keys (process.env by default). */
  shell?: NodeJS.ProcessEnv;
  /** How often to poll GetFunction while a function is creating or updating. */
  pollMs?: number;
  log?: (line: string) => void;
}

const isNotFound = (err: unknown) => /^ResourceNotFound/.test(String((err as { code?: string })?.code ?? ''));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deployFunctions(
  manager: Manager,
  specs: FunctionSpec[],
  options: DeployOptions = {},
): Promise<FunctionReport[]> {
  const root = options.root ?? functionRoot();
  const shell = options.shell ?? process.env;
  const pollMs = options.pollMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const Namespace = manager.getEnvironmentManager().getCurrentEnv().getEnvId();
  const scf = manager.commonService('scf', '2018-04-16');
  const call = (Action: string, Param: Record<string, unknown>) => scf.call({ Action, Param });

  const getFunction = async (FunctionName: string): Promise<RemoteFunction | null> => {
    try {
      return (await call('GetFunction', { FunctionName, Namespace })) as RemoteFunction;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  };
  // Code and configuration cannot change while the function is Creating/Updating.
  const waitActive = async (name: string) => {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const status = (await getFunction(name))?.Status;
      if (status === 'Active') return;
      if (status && /Failed$/.test(status)) throw new Error(`函数 ${name} 状态 ${status}`);
      if (Date.now() > deadline) throw new Error(`函数 ${name} 5 分钟内未就绪（${status}）`);
      await sleep(pollMs);
    }
  };

  const reports: FunctionReport[] = [];
  for (const spec of specs) {
    const { zip, files } = packageFunction(spec, root);
    const Code = { ZipFile: zip.toString('base64') };
    const remote = await getFunction(spec.name);
    const remoteEnv = Object.fromEntries((remote?.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
    const env = mergeEnvironment(spec, remoteEnv, shell);
    const Environment = { Variables: Object.entries(env.values).map(([Key, Value]) => ({ Key, Value })) };
    const report: FunctionReport = {
      name: spec.name,
      created: remote === null,
      files,
      zipBytes: zip.length,
      triggers: { created: [], replaced: [], existing: [] },
      environment: { kept: env.kept, passed: env.passed },
      drift: [],
    };
    const InstallDependency = spec.installDependency ? 'TRUE' : 'FALSE';
    if (remote === null) {
      await call('CreateFunction', {
        FunctionName: spec.name,
        Namespace,
        Code,
        Handler: spec.handler,
        Runtime: spec.runtime,
        Timeout: spec.timeout,
        MemorySize: spec.memorySize,
        InstallDependency,
        Environment,
        // What the manager's own createFunction sends for a CloudBase function.
        Role: 'TCB_QcsRole',
        Stamp: 'MINI_QCBASE',
      });
      log(`已创建云函数 ${spec.name}（${(zip.length / 1024).toFixed(0)} KB）`);
    } else {
      if (remote.Runtime && remote.Runtime !== spec.runtime) {
        report.drift.push(
          `${spec.name}：环境中运行时为 ${remote.Runtime}，声明为 ${spec.runtime}；运行时只能在创建时设定，未改动`,
        );
      }
      await waitActive(spec.name);
      await call('UpdateFunctionCode', {
        FunctionName: spec.name,
        Namespace,
        Handler: spec.handler,
        InstallDependency,
        Code,
      });
      await waitActive(spec.name);
      await call('UpdateFunctionConfiguration', {
        FunctionName: spec.name,
        Namespace,
        Timeout: spec.timeout,
        MemorySize: spec.memorySize,
        InstallDependency,
        Environment,
      });
      log(`已更新云函数 ${spec.name}（${(zip.length / 1024).toFixed(0)} KB）`);
    }
    await waitActive(spec.name);

    const remoteTriggers = remote?.Triggers ?? [];
    for (const trigger of spec.triggers) {
      const existing = remoteTriggers.find((t) => t.TriggerName === trigger.name);
      if (existing && existing.Type === 'timer' && existing.TriggerDesc === trigger.config) {
        report.triggers.existing.push(trigger.name);
        continue;
      }
      if (existing) {
        await call('DeleteTrigger', {
          FunctionName: spec.name,
          Namespace,
          TriggerName: trigger.name,
          Type: existing.Type,
        });
        report.triggers.replaced.push(trigger.name);
      } else report.triggers.created.push(trigger.name);
      await call('CreateTrigger', {
        FunctionName: spec.name,
        Namespace,
        TriggerName: trigger.name,
        Type: 'timer',
        TriggerDesc: trigger.config,
        Enable: 'OPEN',
      });
      log(`  定时触发器 ${trigger.name}: ${trigger.config}${existing ? '（已按声明重建）' : ''}`);
    }
    for (const t of remoteTriggers) {
      if (!spec.triggers.some((trigger) => trigger.name === t.TriggerName))
        report.drift.push(`${spec.name}：触发器 ${t.TriggerName} 未在 cloudbaserc.json 中声明，未改动`);
    }
    if (env.kept.length > 0) log(`  保留环境中已设的 ${env.kept.join(', ')}`);
    if (env.passed.length > 0) log(`  按本次传入设置 ${env.passed.join(', ')}`);
    reports.push(report);
  }
  return reports;
}

async function deploy(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const missing = missingCredentials(process.env);
  if (missing.length > 0) {
    console.error('无法部署：缺少以下环境变量\n');
    for (const line of missing) console.error(`  - ${line}`);
    console.error('\n设置后重新运行 npm run deploy。步骤见 README「部署到云开发 CloudBase」。');
    process.exit(1);
  }
  const specs = readFunctionSpecs();
  if (dryRun) {
    console.log(`演练（--dry-run）：将部署到环境 ${process.env.TCB_ENV_ID}，不发出任何请求\n`);
    for (const line of describePlan(specs)) console.log(line);
    return;
  }
  // Loaded here: esbuild is a dev tool the dry run does not need.
  const { buildFunctions } = await import('./build-functions');
  await buildFunctions(specs.map((spec) => spec.name));
  const manager = managerFromEnv();
  const pollMs = Number(process.env.GONGZHI_DEPLOY_POLL_MS ?? 1000);
  const reports = await deployFunctions(manager, specs, { pollMs, log: (line) => console.log(line) });
  const drift = reports.flatMap((r) => r.drift);
  if (drift.length > 0) console.log(['与声明不一致（未改动）：', ...drift.map((line) => `  - ${line}`)].join('\n'));
  console.log('云函数已部署。应用数据库集合、索引和安全规则 …');
  const report = await applyDatabase(manager, databaseSettings(), { log: (line) => console.log(line) });
  console.log(summary(report));
  console.log('部署完成。');
}

if (require.main === module) {
  deploy().catch((error: unknown) => {
    console.error(`部署失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
