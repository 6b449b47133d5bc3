import tcb from '@cloudbase/node-sdk';
import { PRIVACY_NOTICE_VERSION } from '../domain/privacy';
import { sniffUploadType, UPLOAD_EXTENSIONS, UPLOAD_TYPE_MESSAGE } from '../domain/uploads';
import { createCloudbaseStore } from '../store/cloudbase';
import { resolveCaller } from './callers';
import { systemClock } from './clock';
import type { FileStore, Notifier } from './define';
import { AppError } from './errors';
import { newId } from './ids';
import { isPlatformTimer, type Runtime } from './main';
import { withUploadRecords } from './uploads';

/** getTempFileURL takes at most 50 files per call. */
const TEMP_URL_BATCH = 50;
/** How long a temporary URL stays valid: long enough for a page to render and a person to look. */
const TEMP_URL_SECONDS = 3600;

/**
 * CloudBase storage behind the same interface as the local file store. Ids are CloudBase fileIDs
 * (`cloud://…`, also what the mini-program's own `cloud.uploadFile` returns); anything else was
 * never stored here and answers "not found" without a call.
 */
export function createCloudbaseFiles(app: ReturnType<typeof tcb.init>): FileStore {
  const isCloudId = (fileId: string) => fileId.startsWith('cloud://');
  const tempUrls = async (fileIds: string[], maxAge: number) => {
    const found: Array<{ fileID: string; tempFileURL: string; code: string }> = [];
    for (let i = 0; i < fileIds.length; i += TEMP_URL_BATCH) {
      const batch = fileIds.slice(i, i + TEMP_URL_BATCH).map((fileID) => ({ fileID, maxAge }));
      const result = await app.getTempFileURL({ fileList: batch });
      found.push(...result.fileList);
    }
    return found;
  };
  return {
    async save({ bytes, contentType, ownerId }) {
      // The bytes decide: a label saying image/png on an HTML page is refused.
      const type = sniffUploadType(bytes);
      if (!type || type !== contentType) throw new AppError('INVALID_INPUT', UPLOAD_TYPE_MESSAGE);
      const extension = UPLOAD_EXTENSIONS[type];
      // openids are [A-Za-z0-9_-]; anything else must not shape the storage path.
      const owner = ownerId.replace(/[^A-Za-z0-9_-]/g, '_') || 'anonymous';
      const result = await app.uploadFile({
        cloudPath: `uploads/${owner}/${newId()}.${extension}`,
        fileContent: Buffer.from(bytes),
      });
      return result.fileID;
    },
    async urls(fileIds) {
      const ids = [...new Set(fileIds.filter(isCloudId))];
      if (ids.length === 0) return {};
      const list = await tempUrls(ids, TEMP_URL_SECONDS);
      // A missing file has no URL: callers show nothing rather than a broken image.
      return Object.fromEntries(list.filter((f) => f.code === 'SUCCESS').map((f) => [f.fileID, f.tempFileURL]));
    },
    async exists(fileId) {
      if (!isCloudId(fileId)) return false;
      const list = await tempUrls([fileId], 60);
      return list.some((f) => f.fileID === fileId && f.code === 'SUCCESS');
    },
    async inspect(fileId) {
      if (!isCloudId(fileId)) return null;
      // A direct upload from the mini-program (wx.cloud.uploadFile) was never seen by a function:
      // its bytes are read once here, when a function is asked to record it.
      const result = await app.downloadFile({ fileID: fileId }).catch(() => null);
      const content = result?.fileContent;
      if (!content) return null;
      const bytes = typeof content === 'string' ? Buffer.from(content, 'binary') : content;
      return { contentType: sniffUploadType(bytes), size: bytes.length };
    },
    async remove(fileId) {
      if (!isCloudId(fileId)) return false;
      const result = await app.deleteFile({ fileList: [fileId] });
      return result.fileList.some((f) => f.fileID === fileId && f.code === 'SUCCESS');
    },
  };
}

/** The environment variable holding a kind's template id: `report.progress` → GONGZHI_TEMPLATE_REPORT_PROGRESS. */
export const templateEnvKey = (kind: string) => `GONGZHI_TEMPLATE_${kind.replace(/\./g, '_').toUpperCase()}`;

/** 云调用's name for sending a subscription message; the same name is declared in inbox/config.json. */
export const SUBSCRIBE_SEND_API = 'subscribeMessage.send';

/**
 * Subscription messages through 云调用 (`callWxOpenApi`, wire action `wx.api`): the API is the one
 * declared in the function's config.json `permissions.openapi`, the body is subscribeMessage.send's
 * (touser, template_id, page, data, miniprogram_state, lang). Template ids are per environment, in
 * the function's environment variables (kept across deploys, see scripts/deploy.ts).
 */
export function createCloudbaseNotifier(
  app: Pick<ReturnType<typeof tcb.init>, 'callWxOpenApi'>,
  env: NodeJS.ProcessEnv = process.env,
): Notifier {
  return {
    async send({ openid, kind, page, data }) {
      const templateId = env[templateEnvKey(kind)];
      if (!templateId) return { ok: false, reason: `no template configured for ${kind} (${templateEnvKey(kind)})` };
      try {
        const result = await app.callWxOpenApi({
          apiName: SUBSCRIBE_SEND_API,
          requestData: {
            touser: openid,
            template_id: templateId,
            ...(page ? { page: page.replace(/^\//, '') } : {}),
            data,
            // developer / trial / formal: which build a tap on the card opens.
            miniprogram_state: env.GONGZHI_MINIPROGRAM_STATE || 'formal',
            lang: 'zh_CN',
          },
        });
        const failure = result as { code?: string; message?: string };
        if (failure.code) return { ok: false, reason: `${failure.code} ${failure.message ?? ''}`.trim() };
        const body = (typeof result.result === 'string' ? JSON.parse(result.result) : result.result) as
          | { errcode?: number; errmsg?: string }
          | undefined;
        return body?.errcode
          ? { ok: false, reason: `errcode ${body.errcode} ${body.errmsg ?? ''}`.trim() }
          : { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/**
 * The caller's OPENID, set by the platform for calls from the mini-program (never taken from the
 * payload): from the invocation context's environment when present, else the process environment.
 */
function wxOpenid(app: ReturnType<typeof tcb.init>, context: unknown): string | null {
  const fromContext = platformContext(context).WX_OPENID;
  return fromContext || app.auth().getUserInfo().openId || null;
}

/** The invocation's platform variables (WX_OPENID, TCB_SOURCE …), from the context CloudBase passes. */
function platformContext(context: unknown): { WX_OPENID?: string; TCB_SOURCE?: string } {
  const hasEnvironment =
    typeof context === 'object' && context !== null && ('environment' in context || 'environ' in context);
  return hasEnvironment ? (tcb.getCloudbaseContext(context as never) as { WX_OPENID?: string }) : {};
}

/** The production runtime: caller from the WX context (OPENID), data in the CloudBase database. */
export function createCloudbaseRuntime(options: { env?: string } = {}): Runtime {
  const app = tcb.init({ env: options.env ?? tcb.SYMBOL_CURRENT_ENV });
  const store = createCloudbaseStore(app.database());
  const files = withUploadRecords(createCloudbaseFiles(app), { store, clock: systemClock });
  const notifier = createCloudbaseNotifier(app);
  const base = { store, files, notifier, clock: systemClock, newId, privacyVersion: PRIVACY_NOTICE_VERSION };
  return {
    async depsFor(context) {
      const platform = platformContext(context);
      return {
        ...base,
        ...(isPlatformTimer(platform.TCB_SOURCE, wxOpenid(app, context)) ? { trigger: 'timer' as const } : {}),
        log: (line) => console.log(JSON.stringify(line)),
        resolveCaller: async () => {
          const openId = wxOpenid(app, context);
          return openId ? resolveCaller(store, openId, base) : null;
        },
      };
    },
  };
}
