/**
 * Loopback Tencent Cloud API for tests: speaks the protocol @cloudbase/manager-node 5.6.5 uses for
 * the CloudBase management API (lib/utils/cloud-api-request.js): `POST /` with a JSON body, the
 * action in `X-TC-Action`, version in `X-TC-Version`, signed with TC3-HMAC-SHA256 (`Authorization`,
 * `X-TC-Timestamp`); every answer is `{ Response: { …, RequestId } }`, errors as
 * `{ Response: { Error: { Code, Message }, RequestId } }`. Point the manager at it with TCB_BASE_URL.
 *
 * The signature is verified with the secret key the test gives, by the algorithm Tencent Cloud
 * publishes (implemented here independently of the manager), so a request that would be refused for
 * its signature is refused here too.
 *
 * Actions served (tcb 2018-06-08), with request and response shapes from the API reference:
 *   DescribeEnvInfo  { EnvId } → { EnvInfo: { EnvBaseInfo: { EnvId, Databases: [{ InstanceId }] … } } }
 *   DescribeTable    { EnvId, MongoConnector, TableName } → { Indexes: [{ Name, Keys: [{ Name, Direction }], Unique … }], IndexNum }
 *   CreateTable      { EnvId, MongoConnector, TableName }
 *   UpdateTable      { …, CreateIndexes: [{ IndexName, MgoKeySchema: { MgoIndexKeys: [{ Name, Direction }], MgoIsUnique } }],
 *                      DropIndexes: [{ IndexName }] }; creating an existing name drops and rebuilds it (as documented)
 *   ListTables       { EnvId, MongoConnector, MgoOffset, MgoLimit } → { Tables: [{ TableName … }], Pager }
 *   DescribeSafeRule { EnvId, CollectionName } → { AclTag, Rule }
 *   ModifySafeRule   { EnvId, CollectionName, AclTag, Rule }
 * and SCF (scf 2018-04-16), the functions of the environment (Namespace = EnvId):
 *   GetFunction      { FunctionName, Namespace } → { Status, Handler, Runtime, Timeout, MemorySize,
 *                      Environment: { Variables: [{ Key, Value }] }, Triggers: [{ TriggerName, Type, TriggerDesc }] }
 *                      or ResourceNotFound.Function; a function just created or updated answers
 *                      Creating/Updating once, then Active (so a deploy that does not wait is caught)
 *   CreateFunction   { FunctionName, Namespace, Code: { ZipFile }, Handler, Runtime, Timeout, MemorySize,
 *                      InstallDependency, Environment }
 *   UpdateFunctionCode { FunctionName, Namespace, Handler, Code: { ZipFile } }
 *   UpdateFunctionConfiguration { FunctionName, Namespace, Timeout, MemorySize, Environment } (Environment replaces)
 *   CreateTrigger    { FunctionName, Namespace, TriggerName, Type, TriggerDesc }; DeleteTrigger { …, TriggerName, Type }
 *   Calls while a function is Creating/Updating fail with FailedOperation.UpdateFunctionCode, as SCF answers.
 *
 * With `proxy: true` it is also an HTTP proxy (the manager's `http_proxy` support): CONNECT to any
 * *.tencentcloudapi.com host is answered by this server over TLS, with a certificate made for the run
 * (`caFile`; a client trusts it through NODE_EXTRA_CA_CERTS). That is how SCF, whose endpoint the
 * manager does not let TCB_BASE_URL change, reaches the loopback with the exact production code path.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoopbackIndex {
  Name: string;
  Keys: Array<{ Name: string; Direction: string }>;
  Unique: boolean;
}

export interface LoopbackCollection {
  indexes: LoopbackIndex[];
  aclTag: string;
  rule: string | null;
}

export interface LoopbackFunction {
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: string;
  environment: Record<string, string>;
  /** The code as received (the decoded ZipFile). */
  zip: Buffer;
  triggers: Map<string, { type: string; desc: string }>;
  /** Creating / Updating for the next GetFunction, then Active. */
  status: string;
}

export interface TcbApiCall {
  /** tcb or scf */
  service: string;
  action: string;
  params: Record<string, unknown>;
}

export interface TcbApiLoopback {
  url: string;
  envId: string;
  /** The environment's collections, to arrange a state or assert one. */
  collections: Map<string, LoopbackCollection>;
  /** The environment's cloud functions. */
  functions: Map<string, LoopbackFunction>;
  /** With `proxy: true`: the proxy URL (http_proxy) and the CA file a client must trust. */
  proxyUrl?: string;
  caFile?: string;
  /** Every accepted call, in order. */
  calls: TcbApiCall[];
  /** Requests refused for their signature. */
  rejectedSignatures(): number;
  /** Indexes UpdateTable dropped and rebuilt because their name already existed. */
  rebuilt(): string[];
  close(): Promise<void>;
}

const INSTANCE_ID = 'tnt-loopback';
/** What a collection created in the console or by CreateTable starts with. */
const DEFAULT_ACL = 'PRIVATE';

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

function expectedAuthorization(input: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  timestamp: number;
  body: string;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:application/json\nhost:${input.host}\n`,
    'content-type;host',
    sha256hex(input.body),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export async function startTcbApiLoopback(options: {
  envId: string;
  secretId: string;
  secretKey: string;
  proxy?: boolean;
}): Promise<TcbApiLoopback> {
  const collections = new Map<string, LoopbackCollection>();
  const functions = new Map<string, LoopbackFunction>();
  const calls: TcbApiCall[] = [];
  const rebuilt: string[] = [];
  let rejected = 0;

  class ApiError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }

  const collectionOf = (name: unknown): LoopbackCollection => {
    const found = collections.get(String(name));
    if (!found) throw new ApiError('ResourceNotFound', `集合 ${String(name)} 不存在`);
    return found;
  };

  function handle(action: string, p: Record<string, unknown>): Record<string, unknown> {
    if (p.EnvId !== undefined && p.EnvId !== options.envId)
      throw new ApiError('ResourceNotFound.EnvNotExist', `环境 ${String(p.EnvId)} 不存在`);
    const connector = p.MongoConnector as { DatabaseName?: string } | undefined;
    if (connector && connector.DatabaseName !== INSTANCE_ID)
      throw new ApiError('InvalidParameter', `数据库实例 ${String(connector.DatabaseName)} 不存在`);
    switch (action) {
      case 'DescribeEnvInfo':
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: options.envId,
              Alias: 'loopback',
              Status: 'NORMAL',
              Databases: [{ InstanceId: INSTANCE_ID, Status: 'RUNNING', Region: 'ap-shanghai' }],
              Storages: [],
              Functions: [],
            },
          },
        };
      case 'DescribeTable': {
        const c = collectionOf(p.TableName);
        const indexes = [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...c.indexes].map(
          (index) => ({ ...index, Size: 4096, Accesses: { Ops: 0, Since: '2026-01-01T00:00:00Z' } }),
        );
        return { Indexes: indexes, IndexNum: indexes.length };
      }
      case 'CreateTable': {
        const name = String(p.TableName);
        if (collections.has(name)) throw new ApiError('ResourceInUse', `集合 ${name} 已存在`);
        collections.set(name, { indexes: [], aclTag: DEFAULT_ACL, rule: null });
        return {};
      }
      case 'UpdateTable': {
        const c = collectionOf(p.TableName);
        for (const drop of (p.DropIndexes ?? []) as Array<{ IndexName: string }>) {
          c.indexes = c.indexes.filter((index) => index.Name !== drop.IndexName);
        }
        for (const create of (p.CreateIndexes ?? []) as Array<{
          IndexName: string;
          MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique?: boolean };
        }>) {
          if (!/^[A-Za-z0-9_]{1,128}$/.test(create.IndexName))
            throw new ApiError('InvalidParameter', `索引名不合法：${create.IndexName}`);
          if (c.indexes.some((index) => index.Name === create.IndexName)) {
            rebuilt.push(`${String(p.TableName)}.${create.IndexName}`);
            c.indexes = c.indexes.filter((index) => index.Name !== create.IndexName);
          }
          c.indexes.push({
            Name: create.IndexName,
            Keys: create.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: String(k.Direction) })),
            Unique: Boolean(create.MgoKeySchema.MgoIsUnique),
          });
        }
        return {};
      }
      case 'ListTables': {
        const offset = Number(p.MgoOffset ?? 0);
        const limit = Number(p.MgoLimit ?? 100);
        const names = [...collections.keys()].sort();
        const page = names.slice(offset, offset + limit);
        return {
          Tables: page.length
            ? page.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: 1, IndexSize: 4096 }))
            : null,
          Pager: { Offset: offset, Limit: limit, Total: names.length },
        };
      }
      case 'DescribeSafeRule': {
        const c = collectionOf(p.CollectionName);
        return { AclTag: c.aclTag, Rule: c.rule };
      }
      case 'ModifySafeRule': {
        const c = collectionOf(p.CollectionName);
        const tag = String(p.AclTag);
        if (!['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'].includes(tag))
          throw new ApiError('InvalidParameter', `AclTag ${tag}`);
        if (tag === 'CUSTOM') {
          if (typeof p.Rule !== 'string') throw new ApiError('MissingParameter', 'CUSTOM 需要 Rule');
          JSON.parse(p.Rule); // a malformed rule is refused, as the console refuses it
        }
        c.aclTag = tag;
        c.rule = tag === 'CUSTOM' ? String(p.Rule) : null;
        return {};
      }
      default:
        throw new ApiError('InvalidAction', `loopback does not serve ${action}`);
    }
  }

  const functionOf = (p: Record<string, unknown>): LoopbackFunction => {
    if (p.Namespace !== options.envId)
      throw new ApiError('ResourceNotFound.Namespace', `命名空间 ${String(p.Namespace)} 不存在`);
    const found = functions.get(String(p.FunctionName));
    if (!found) throw new ApiError('ResourceNotFound.Function', `函数 ${String(p.FunctionName)} 不存在`);
    return found;
  };
  const busy = (fn: LoopbackFunction) => {
    if (fn.status !== 'Active')
      throw new ApiError('FailedOperation.UpdateFunctionCode', `函数状态为 ${fn.status}，暂不能操作`);
  };
  const variables = (p: Record<string, unknown>) =>
    Object.fromEntries(
      ((p.Environment as { Variables?: Array<{ Key: string; Value: string }> } | undefined)?.Variables ?? []).map(
        (v) => [v.Key, v.Value],
      ),
    );
  const zipOf = (p: Record<string, unknown>) => {
    const zip = (p.Code as { ZipFile?: string } | undefined)?.ZipFile;
    if (typeof zip !== 'string' || zip === '') throw new ApiError('InvalidParameterValue.Code', 'Code.ZipFile 为空');
    return Buffer.from(zip, 'base64');
  };

  function handleScf(action: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'GetFunction': {
        const fn = functionOf(p);
        const status = fn.status;
        fn.status = 'Active';
        return {
          FunctionName: p.FunctionName,
          Namespace: p.Namespace,
          Status: status,
          Handler: fn.handler,
          Runtime: fn.runtime,
          Timeout: fn.timeout,
          MemorySize: fn.memorySize,
          InstallDependency: fn.installDependency,
          Environment: { Variables: Object.entries(fn.environment).map(([Key, Value]) => ({ Key, Value })) },
          Triggers: [...fn.triggers].map(([TriggerName, t]) => ({ TriggerName, Type: t.type, TriggerDesc: t.desc })),
        };
      }
      case 'CreateFunction': {
        if (p.Namespace !== options.envId) throw new ApiError('ResourceNotFound.Namespace', String(p.Namespace));
        const name = String(p.FunctionName);
        if (functions.has(name)) throw new ApiError('ResourceInUse.Function', `函数 ${name} 已存在`);
        functions.set(name, {
          handler: String(p.Handler),
          runtime: String(p.Runtime),
          timeout: Number(p.Timeout),
          memorySize: Number(p.MemorySize),
          installDependency: String(p.InstallDependency),
          environment: variables(p),
          zip: zipOf(p),
          triggers: new Map(),
          status: 'Creating',
        });
        return {};
      }
      case 'UpdateFunctionCode': {
        const fn = functionOf(p);
        busy(fn);
        fn.zip = zipOf(p);
        if (p.Handler !== undefined) fn.handler = String(p.Handler);
        fn.status = 'Updating';
        return {};
      }
      case 'UpdateFunctionConfiguration': {
        const fn = functionOf(p);
        busy(fn);
        if (p.Timeout !== undefined) fn.timeout = Number(p.Timeout);
        if (p.MemorySize !== undefined) fn.memorySize = Number(p.MemorySize);
        // SCF replaces the whole set: a key left out is gone.
        if (p.Environment !== undefined) fn.environment = variables(p);
        fn.status = 'Updating';
        return {};
      }
      case 'CreateTrigger': {
        const fn = functionOf(p);
        const name = String(p.TriggerName);
        if (fn.triggers.has(name)) throw new ApiError('ResourceInUse.Trigger', `触发器 ${name} 已存在`);
        if (p.Type !== 'timer') throw new ApiError('InvalidParameterValue.Type', String(p.Type));
        // CloudBase timers are 7-field cron expressions (seconds … year).
        if (String(p.TriggerDesc).trim().split(/\s+/).length !== 7)
          throw new ApiError('InvalidParameterValue.TriggerDesc', `不是 7 段 cron：${String(p.TriggerDesc)}`);
        fn.triggers.set(name, { type: 'timer', desc: String(p.TriggerDesc) });
        return {};
      }
      case 'DeleteTrigger': {
        const fn = functionOf(p);
        if (!fn.triggers.delete(String(p.TriggerName)))
          throw new ApiError('ResourceNotFound.Trigger', `触发器 ${String(p.TriggerName)} 不存在`);
        return {};
      }
      default:
        throw new ApiError('InvalidAction', `loopback does not serve scf ${action}`);
    }
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const action = String(req.headers['x-tc-action'] ?? '');
      const answer = (response: Record<string, unknown>) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }));
      };
      const fail = (code: string, message: string) => answer({ Error: { Code: code, Message: message } });
      const authorization = String(req.headers.authorization ?? '');
      const service = /Credential=[^/]+\/\d{4}-\d{2}-\d{2}\/([a-z]+)\//.exec(authorization)?.[1] ?? '';
      const expected = expectedAuthorization({
        secretId: options.secretId,
        secretKey: options.secretKey,
        service,
        host: String(req.headers.host ?? '').replace(/:\d+$/, ''),
        timestamp: Number(req.headers['x-tc-timestamp']),
        body,
      });
      if (req.method !== 'POST' || authorization !== expected) {
        rejected += 1;
        fail('AuthFailure.SignatureFailure', '请求签名验证失败');
        return;
      }
      const version = String(req.headers['x-tc-version']);
      const served = (service === 'tcb' && version === '2018-06-08') || (service === 'scf' && version === '2018-04-16');
      if (!served) {
        fail('InvalidAction', `loopback serves tcb 2018-06-08 and scf 2018-04-16, not ${service} ${version}`);
        return;
      }
      try {
        const params = JSON.parse(body || '{}') as Record<string, unknown>;
        const response = service === 'scf' ? handleScf(action, params) : handle(action, params);
        calls.push({ service, action, params });
        answer(response);
      } catch (error) {
        if (error instanceof ApiError) fail(error.code, error.message);
        else fail('InternalError', String((error as Error).message));
      }
    });
  };
  const server = http.createServer(onRequest);
  let caDir: string | undefined;
  let secure: https.Server | undefined;
  if (options.proxy) {
    caDir = mkdtempSync(path.join(tmpdir(), 'tcb-api-ca-'));
    const key = path.join(caDir, 'key.pem');
    const cert = path.join(caDir, 'cert.pem');
    // One self-signed certificate for every API host the manager may call.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=tencentcloudapi.com',
        '-addext',
        'subjectAltName=DNS:*.tencentcloudapi.com,DNS:tencentcloudapi.com',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    secure = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, onRequest);
    server.on('connect', (req, socket, head) => {
      if (!/^[a-z0-9.-]+\.tencentcloudapi\.com:443$/.test(String(req.url))) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      secure?.emit('connection', socket);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    envId: options.envId,
    collections,
    functions,
    proxyUrl: options.proxy ? `http://127.0.0.1:${port}` : undefined,
    caFile: caDir ? path.join(caDir, 'cert.pem') : undefined,
    calls,
    rejectedSignatures: () => rejected,
    rebuilt: () => [...rebuilt],
    async close() {
      server.closeAllConnections();
      secure?.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (secure) await new Promise<void>((resolve) => secure?.close(() => resolve()));
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    },
  };
}
