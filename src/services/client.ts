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

async function transport(name: string, event: { action: string; payload: unknown }): Promise<Envelope<unknown>> {
  if (process.env.TARO_ENV === 'h5') {
    const token = session.token();
    let response: Response;
    try {
      response = await fetch(`/api/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(event),
      });
    } catch {
      throw new ApiError('NETWORK', '网络不给力，请检查网络后重试');
    }
    return (await response.json()) as Envelope<unknown>;
  }
  try {
    const result = await Taro.cloud.callFunction({ name, data: event });
    return result.result as Envelope<unknown>;
  } catch {
    throw new ApiError('NETWORK', '网络不给力，请检查网络后重试');
  }
}

/** The one way pages talk to the cloud functions: typed by the functions' own contracts. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const envelope = await transport(name, { action, payload });
  if (envelope.ok) return envelope.data as ActionOutput<F, A>;
  if (envelope.error.code === 'UNAUTHENTICATED' && process.env.TARO_ENV === 'h5') {
    session.clear();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  }
  throw new ApiError(envelope.error.code, envelope.error.message);
}
