import tcb from '@cloudbase/node-sdk';
import { PRIVACY_NOTICE_VERSION } from '../domain/privacy';
import { createCloudbaseStore } from '../store/cloudbase';
import { resolveCaller } from './callers';
import { systemClock } from './clock';
import type { FileStore, Notifier } from './define';
import { newId } from './ids';
import type { Runtime } from './main';

/** CloudBase storage behind the same interface as the local file store. */
export function createCloudbaseFiles(app: ReturnType<typeof tcb.init>): FileStore {
  return {
    async save({ bytes, contentType, ownerId }) {
      const extension = contentType === 'image/png' ? 'png' : contentType === 'application/pdf' ? 'pdf' : 'jpg';
      const result = await app.uploadFile({
        cloudPath: `uploads/${ownerId}/${newId()}.${extension}`,
        fileContent: Buffer.from(bytes),
      });
      return result.fileID;
    },
    async urls(fileIds) {
      if (fileIds.length === 0) return {};
      const result = await app.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 3600 })) });
      return Object.fromEntries(result.fileList.map((f) => [f.fileID, f.tempFileURL]));
    },
    async exists(fileId) {
      const result = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 60 }] });
      return result.fileList.some((f) => f.code === 'SUCCESS');
    },
  };
}

/** Subscription messages through WeChat's open API; template ids per kind come from the environment. */
export function createCloudbaseNotifier(app: ReturnType<typeof tcb.init>): Notifier {
  return {
    async send({ openid, kind, page, data }) {
      const templateId = process.env[`GONGZHI_TEMPLATE_${kind.replace(/\./g, '_').toUpperCase()}`];
      if (!templateId) return { ok: false, reason: `no template configured for ${kind}` };
      try {
        const result = await app.callWxOpenApi({
          apiName: 'cgi-bin/message/subscribe/send',
          requestData: { touser: openid, template_id: templateId, page: page ?? undefined, data },
        });
        const body = typeof result.result === 'string' ? JSON.parse(result.result) : result.result;
        return body?.errcode ? { ok: false, reason: `errcode ${body.errcode}` } : { ok: true };
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
  const hasEnvironment =
    typeof context === 'object' && context !== null && ('environment' in context || 'environ' in context);
  const fromContext = hasEnvironment
    ? (tcb.getCloudbaseContext(context as never) as { WX_OPENID?: string }).WX_OPENID
    : undefined;
  return fromContext || app.auth().getUserInfo().openId || null;
}

/** The production runtime: caller from the WX context (OPENID), data in the CloudBase database. */
export function createCloudbaseRuntime(options: { env?: string } = {}): Runtime {
  const app = tcb.init({ env: options.env ?? tcb.SYMBOL_CURRENT_ENV });
  const store = createCloudbaseStore(app.database());
  const files = createCloudbaseFiles(app);
  const notifier = createCloudbaseNotifier(app);
  const base = { store, files, notifier, clock: systemClock, newId, privacyVersion: PRIVACY_NOTICE_VERSION };
  return {
    async depsFor(context) {
      return {
        ...base,
        log: (line) => console.log(JSON.stringify(line)),
        resolveCaller: async () => {
          const openId = wxOpenid(app, context);
          return openId ? resolveCaller(store, openId, base) : null;
        },
      };
    },
  };
}
