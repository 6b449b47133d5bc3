import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { redactForLog } from '../cloudfunctions/_core/domain/privacy';
import type { Envelope } from '../cloudfunctions/_core/runtime/envelope';
import { CONTENT_TYPES } from './files';
import type { LocalRuntime } from './runtime';
import { sendStatic } from './static';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const UPLOAD_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

export interface GatewayOptions {
  runtime: LocalRuntime;
  /** The h5 build to serve; absent means API only. */
  staticDir?: string;
  /** `/api/dev/login` exists only in local mode. */
  devLogin: boolean;
  /** Calls per caller per second before RATE_LIMITED. */
  rateLimitPerSecond?: number;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly envelope: Envelope<never>,
  ) {
    super(envelope.ok ? '' : envelope.error.message);
  }
}

const failure = (
  status: number,
  code: 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'RATE_LIMITED',
  message: string,
) => new HttpFailure(status, { ok: false, error: { code, message } });

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw failure(413, 'INVALID_INPUT', '提交的内容太大');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw failure(413, 'INVALID_INPUT', '提交的内容太大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw failure(400, 'INVALID_INPUT', '请求内容不是合法的 JSON');
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** One fixed window per caller key: simple, and enough to stop a runaway client locally. */
function createRateLimiter(perSecond: number) {
  const windows = new Map<string, { second: number; count: number }>();
  return (key: string): boolean => {
    const second = Math.floor(Date.now() / 1000);
    const window = windows.get(key);
    if (!window || window.second !== second) {
      if (windows.size > 10_000) windows.clear();
      windows.set(key, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= perSecond;
  };
}

export function createGateway(options: GatewayOptions): Server {
  const { runtime } = options;
  const allow = createRateLimiter(options.rateLimitPerSecond ?? 50);

  const callerOf = (req: IncomingMessage): string | null => {
    const header = req.headers.authorization;
    if (!header) return null;
    const match = /^Bearer (.+)$/.exec(header);
    if (!match?.[1]) throw failure(401, 'UNAUTHENTICATED', '登录凭证格式不正确');
    const openid = runtime.verify(match[1]);
    // A forged or expired token is refused outright rather than treated as anonymous.
    if (!openid) throw failure(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
    return openid;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method === 'GET' && pathname === '/api/functions') {
      sendJson(res, 200, { ok: true, data: runtime.catalogue });
      return;
    }
    if (req.method === 'POST' && pathname === '/api/dev/login') {
      if (!options.devLogin) throw failure(404, 'NOT_FOUND', '接口不存在');
      const body = (await readJson(req)) as { openid?: unknown };
      if (typeof body?.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(body.openid)) {
        throw failure(400, 'INVALID_INPUT', 'openid 格式不正确');
      }
      const token = runtime.login(body.openid);
      // `token` at the top level is the gateway contract; the envelope form serves the typed client.
      sendJson(res, 200, { ok: true, token, data: { token } });
      return;
    }
    const fnMatch = /^\/api\/functions\/([A-Za-z0-9_-]{1,64})$/.exec(pathname);
    if (req.method === 'POST' && fnMatch?.[1]) {
      const openid = callerOf(req);
      if (!allow(openid ?? req.socket.remoteAddress ?? 'anonymous')) {
        throw failure(429, 'RATE_LIMITED', '操作太频繁，请稍后再试');
      }
      const event = await readJson(req);
      sendJson(res, 200, await runtime.invoke(fnMatch[1], event, openid));
      return;
    }
    if (req.method === 'POST' && pathname === '/api/files') {
      const openid = callerOf(req);
      if (!openid) throw failure(401, 'UNAUTHENTICATED', '请先登录');
      const contentType =
        String(req.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim() ?? '';
      if (!UPLOAD_TYPES.has(contentType)) throw failure(400, 'INVALID_INPUT', '只支持 JPG、PNG、WebP 图片或 PDF 文件');
      const bytes = await readBody(req, MAX_UPLOAD_BYTES);
      if (bytes.length === 0) throw failure(400, 'INVALID_INPUT', '文件为空');
      const fileId = await runtime.files.save({ bytes, contentType, ownerId: openid });
      const urls = await runtime.files.urls([fileId]);
      sendJson(res, 200, { ok: true, data: { fileId, url: urls[fileId] } });
      return;
    }
    throw failure(404, 'NOT_FOUND', '接口不存在');
  };

  const serveFile = async (res: ServerResponse, pathname: string): Promise<boolean> => {
    const name = pathname.slice('/files/'.length);
    const bytes = await runtime.files.read(`local://${name}`);
    if (!bytes) return false;
    const extension = name.split('.').pop() ?? '';
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'cache-control': 'private, max-age=86400',
    });
    res.end(bytes);
    return true;
  };

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    const root = options.staticDir;
    if (!root || !existsSync(root)) {
      sendJson(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: '前端尚未构建：请先运行 npm run build:h5' },
      });
      return;
    }
    const resolved = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = resolved.startsWith(path.resolve(root) + path.sep);
    const file =
      inside && existsSync(resolved) && statSync(resolved).isFile() ? resolved : path.join(root, 'index.html');
    sendStatic(req, res, file);
  };

  return createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async (): Promise<void> => {
      if (pathname.startsWith('/api/')) return handleApi(req, res, pathname);
      if (pathname.startsWith('/files/') && (await serveFile(res, pathname))) return;
      serveStatic(req, res, pathname);
    };
    handle().catch((error: unknown) => {
      if (error instanceof HttpFailure) {
        sendJson(res, error.status, error.envelope);
        return;
      }
      console.error(
        JSON.stringify({
          level: 'error',
          path: pathname,
          error: redactForLog(error instanceof Error ? error.message : String(error)),
        }),
      );
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
      else res.end();
    });
  });
}
