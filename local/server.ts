import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { redactForLog } from '../cloudfunctions/_core/domain/privacy';
import { sniffUploadType, UPLOAD_LIMITS } from '../cloudfunctions/_core/domain/uploads';
import type { Envelope } from '../cloudfunctions/_core/runtime/envelope';
import { AppError } from '../cloudfunctions/_core/runtime/errors';
import { CALL_BODY_MAX_BYTES } from '../cloudfunctions/_core/runtime/limits';
import type { LocalRuntime } from './runtime';
import { sendStatic } from './static';

// A function call's body is capped as CloudBase caps it (runtime/limits.ts); uploads have their own limit.
const MAX_BODY_BYTES = CALL_BODY_MAX_BYTES;

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
  code: 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED',
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

/**
 * The request's path, checked once for every route: a target URL that cannot parse or a
 * percent-encoding that does not decode is the client's mistake (400), never a crash.
 */
/**
 * The client's upload key (`x-upload-key`, made once per photo and kept with it): a retry after a
 * lost answer names the same file. Anything not shaped like one is ignored (a plain upload).
 */
function uploadKey(req: IncomingMessage): { key?: string } {
  const key = req.headers['x-upload-key'];
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? { key } : {};
}

function requestPath(target: string | undefined): string {
  let pathname: string;
  try {
    pathname = new URL(target ?? '/', 'http://localhost').pathname;
    decodeURIComponent(pathname);
  } catch {
    throw failure(400, 'INVALID_INPUT', '网址格式不正确');
  }
  return pathname;
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
      if (!allow(openid)) throw failure(429, 'RATE_LIMITED', '操作太频繁，请稍后再试');
      // The declared content-type is not trusted: the file store decides by the bytes.
      const bytes = await readBody(req, UPLOAD_LIMITS.maxBytes);
      let fileId: string;
      try {
        fileId = await runtime.files.upload({ bytes, ownerId: openid, ...uploadKey(req) });
      } catch (error) {
        if (error instanceof AppError && (error.code === 'INVALID_INPUT' || error.code === 'RATE_LIMITED')) {
          throw failure(error.code === 'RATE_LIMITED' ? 429 : 400, error.code, error.message);
        }
        throw error;
      }
      const urls = await runtime.files.urls([fileId]);
      sendJson(res, 200, { ok: true, data: { fileId, url: urls[fileId] } });
      return;
    }
    throw failure(404, 'NOT_FOUND', '接口不存在');
  };

  /**
   * A stored file, only through a URL `files.urls()` signed for someone who could read its record;
   * served as what its bytes are, never sniffed by the browser, never rendered as a page.
   */
  const serveFile = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const name = pathname.slice('/files/'.length);
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (!runtime.files.verify(name, query.get('e'), query.get('s'))) {
      throw failure(403, 'FORBIDDEN', '文件链接无效或已过期，请刷新页面');
    }
    const bytes = await runtime.files.read(`local://${name}`);
    const type = bytes ? sniffUploadType(bytes) : null;
    if (!bytes || !type) throw failure(404, 'NOT_FOUND', '文件不存在');
    res.writeHead(200, {
      'content-type': type,
      'content-length': bytes.length,
      'x-content-type-options': 'nosniff',
      // Images show inline; a PDF downloads rather than opening as a page of this origin.
      'content-disposition': type === 'application/pdf' ? `attachment; filename="${name}"` : 'inline',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=3600',
    });
    res.end(bytes);
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
    let pathname = '/';
    const handle = async (): Promise<void> => {
      pathname = requestPath(req.url);
      if (pathname.startsWith('/api/')) return handleApi(req, res, pathname);
      if (pathname.startsWith('/files/')) return serveFile(req, res, pathname);
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
