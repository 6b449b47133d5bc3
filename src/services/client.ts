import Taro from '@tarojs/taro';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  Envelope,
  ErrorCode,
  FunctionName,
} from '../../cloudfunctions/api';
import { LOGIN_PAGE, session } from './session';

/**
 * The app's one transport: calls (`/api/functions/<name>` in h5, `Taro.cloud.callFunction` in
 * weapp) and file uploads (`/api/files` in h5, `Taro.cloud.uploadFile` in weapp) both go through
 * here, so the h5/weapp split, the session header, what counts as a network failure and how a
 * refusal becomes an `ApiError` are written once.
 */

/** A failed call, carrying the gateway's code and its Chinese message for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, dropped connection): worth keeping and retrying. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NETWORK';
}

const CALL_FAILED = '网络不给力，请检查网络后重试';
const isH5 = () => process.env.TARO_ENV === 'h5';

/** The h5 gateway's session header; weapp needs none (identity comes from the WX context). */
function authorization(): Record<string, string> {
  const token = session.token();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** One h5 request to the gateway; no answer, or one that cannot be read, is a NETWORK failure. */
async function postToGateway<T>(url: string, headers: Record<string, string>, body: BodyInit, failed: string) {
  try {
    const response = await fetch(url, { method: 'POST', headers: { ...headers, ...authorization() }, body });
    return (await response.json()) as Envelope<T>;
  } catch {
    throw new ApiError('NETWORK', failed);
  }
}

/** The one error mapping: an envelope's data, or its refusal as an ApiError (signed out → login in h5). */
function opened<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.data;
  if (envelope.error.code === 'UNAUTHENTICATED' && isH5()) {
    session.clear();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  }
  throw new ApiError(envelope.error.code, envelope.error.message);
}

async function transport(name: string, event: { action: string; payload: unknown }): Promise<Envelope<unknown>> {
  if (isH5()) {
    return postToGateway(
      `/api/functions/${name}`,
      { 'content-type': 'application/json' },
      JSON.stringify(event),
      CALL_FAILED,
    );
  }
  try {
    const result = await Taro.cloud.callFunction({ name, data: event });
    return result.result as Envelope<unknown>;
  } catch {
    throw new ApiError('NETWORK', CALL_FAILED);
  }
}

/** The one way pages talk to the cloud functions: typed by the functions' own contracts. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  return opened(await transport(name, { action, payload })) as ActionOutput<F, A>;
}

const LOGIN_FAILED = '登录失败，请重试';

/**
 * h5 only: signs in as a persona through the local runtime's dev login and keeps the session.
 * It goes through the same gateway post and error mapping as a call, so a lost connection reads
 * as every other network failure does and a refusal is the gateway's own sentence; a gateway
 * without the dev login (a deployed one) answers NOT_FOUND, which a person reads as "not here".
 */
export async function devLogin(openid: string): Promise<void> {
  const envelope = await postToGateway<{ token?: string }>(
    '/api/dev/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ openid }),
    CALL_FAILED,
  );
  let token: string | undefined;
  try {
    token = opened(envelope).token;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      throw new ApiError('NOT_FOUND', '此环境未开放体验登录，请在微信中打开');
    }
    throw error;
  }
  if (!token) throw new ApiError('INTERNAL', LOGIN_FAILED);
  session.save(token);
}

/** What to send: bytes in h5 (to the gateway's file store), a local file in weapp (to cloud storage). */
export type FileToSend =
  | { blob: Blob; contentType?: string; key?: string }
  | { filePath: string; cloudPath: () => Promise<string> };

/**
 * Uploads one file and answers its id. h5 sends the upload key as `x-upload-key` and weapp puts it
 * in `cloudPath` (see upload.ts uploadPath), so a retry after a lost answer names the same file.
 * `failed` is the sentence a person reads when the network drops it.
 */
export async function sendFile(file: FileToSend, failed: string): Promise<{ fileId: string; url: string }> {
  if ('blob' in file) {
    const headers: Record<string, string> = { 'content-type': file.contentType || file.blob.type || 'image/jpeg' };
    if (file.key) headers['x-upload-key'] = file.key;
    return opened(await postToGateway<{ fileId: string; url: string }>('/api/files', headers, file.blob, failed));
  }
  try {
    const result = await Taro.cloud.uploadFile({ cloudPath: await file.cloudPath(), filePath: file.filePath });
    return { fileId: result.fileID, url: file.filePath };
  } catch {
    // The folder look-up (identity.me) failing counts as the upload failing: the photo can wait.
    throw new ApiError('NETWORK', failed);
  }
}
