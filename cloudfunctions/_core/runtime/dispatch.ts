import { z } from 'zod';
import { mayActIn, systemOnly } from '../domain/policy';
import { redactForLog } from '../domain/privacy';
import type { Caller } from '../domain/roles';
import { invisibleControlAt } from '../domain/text';
import { StoreError } from '../store/docstore';
import type { ActionContext, AnyAction, FunctionDef } from './define';
import { toAppError } from './edge';
import { type Envelope, err, ok } from './envelope';
import { AppError, DEFAULT_MESSAGES } from './errors';
import { FIELD_LABELS, fieldLabel } from './field-labels';

/**
 * What the platform adds to every event: wx.cloud.callFunction injects `userInfo: {appId, openId}`
 * (and CloudBase may add `tcbContext`). Accepted so that real calls are not refused, and ignored:
 * the caller comes only from the platform context (deps.resolveCaller), never from the event.
 */
const ZPlatformFields = {
  userInfo: z.looseObject({ appId: z.string().max(64).optional(), openId: z.string().max(128).optional() }).optional(),
  tcbContext: z.unknown().optional(),
};

const ZEvent = z.strictObject({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  ...ZPlatformFields,
});

/** What the runtime (CloudBase or local) provides for one call. */
export interface CallDeps extends Omit<ActionContext, 'caller'> {
  /** Resolves the caller from the platform context; null means not signed in. */
  resolveCaller: () => Promise<Caller | null>;
  /** When set, actions (except identity ones) need the caller to have accepted this notice version. */
  privacyVersion?: string;
  log?: (line: Record<string, unknown>) => void;
  /**
   * Set by the runtime from the platform's own context (never from the event): 'timer' for
   * CloudBase's timer trigger (SOURCE wx_trigger) and the local scheduler. Only then may the
   * system act.
   */
  trigger?: 'timer';
}

const CJK = /[\u4e00-\u9fff]/;

/** A bound as a person reads it: 「至少 2 个字」, 「不能大于 100」, 「至少 1 项」. */
function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, small: boolean): string {
  const limit = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return small ? (limit <= 1 ? '不能为空' : `至少 ${limit} 个字`) : `最多 ${limit} 个字`;
    case 'array':
    case 'set':
      return small ? `至少 ${limit} 项` : `最多 ${limit} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return inclusive ? `不能小于 ${limit}` : `必须大于 ${limit}`;
      return inclusive ? `不能大于 ${limit}` : `必须小于 ${limit}`;
    default:
      return small ? '太短或太小' : '太长或太大';
  }
}

/** Keys the client chose, as a message may repeat them: a plain name of up to 32 characters. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,31}$/;
const SHOWN_KEYS = 3;

/**
 * The keys no schema knows, named shortly: our own field names read in Chinese (own labels only:
 * a key such as `constructor` must not read Object's prototype), a plain typo as sent, anything
 * else (60,000 characters, control characters) not repeated; at most three, then how many more.
 */
function unsupportedKeys(keys: readonly string[]): string {
  const named = keys
    .slice(0, SHOWN_KEYS)
    .map((k) => (Object.hasOwn(FIELD_LABELS, k) ? FIELD_LABELS[k] : PLAIN_KEY.test(k) ? k : '（无法显示的字段名）'));
  const more = keys.length > SHOWN_KEYS ? ` 等 ${keys.length} 个字段` : '';
  return `${named.join('、')}${more}`;
}

/** An action name as the refusal may repeat it: a plain dotted name, else nothing of it. */
const PLAIN_ACTION = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

/** One issue in Chinese, the field named by its Chinese label (field-labels.ts). */
function describeIssue(issue: z.core.$ZodIssue): string {
  // A schema's own Chinese message (「请填写 11 位手机号」) already says what is wrong.
  if (CJK.test(issue.message)) return issue.message;
  const where = fieldLabel(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}包含不支持的字段：${unsupportedKeys(issue.keys)}`;
    case 'invalid_type':
      return `${where}类型不正确`;
    case 'too_small':
      return `${where}${bound(issue, true)}`;
    case 'too_big':
      return `${where}${bound(issue, false)}`;
    case 'invalid_value':
      return `${where}的取值不在允许范围内`;
    default:
      return `${where}格式不正确`;
  }
}

/** Turns zod issues into one Chinese sentence naming the fields at fault. */
export function describeIssues(error: z.ZodError): string {
  return `提交的内容有误：${error.issues.slice(0, 3).map(describeIssue).join('；')}`;
}

/** authorize → validate → handler → map errors. Never throws; never leaks a stack. */
export async function dispatch(fn: FunctionDef, event: unknown, deps: CallDeps): Promise<Envelope<unknown>> {
  const parsedEvent = ZEvent.safeParse(event);
  if (!parsedEvent.success) return err('INVALID_INPUT', '请求格式不正确：需要 action 和 payload');
  const { action: actionName, payload } = parsedEvent.data;
  const action: AnyAction | undefined = Object.hasOwn(fn.actions, actionName) ? fn.actions[actionName] : undefined;
  if (!action) {
    return err('INVALID_INPUT', PLAIN_ACTION.test(actionName) ? `未知操作：${fn.name}.${actionName}` : '未知操作');
  }

  const started = Date.now();
  let outcome = 'ok';
  try {
    const caller = await deps.resolveCaller();
    if (!caller) return err('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
    // System-only actions answer to the platform trigger alone, whoever the caller claims to be.
    if (systemOnly(action.access) && deps.trigger !== 'timer') return err('FORBIDDEN', '该操作只能由系统定时任务执行');
    if (
      action.roles !== 'authenticated' &&
      !caller.grants.some((g) => (action.roles as readonly string[]).includes(g.role))
    ) {
      return err('FORBIDDEN', DEFAULT_MESSAGES.FORBIDDEN);
    }
    if (!action.allowWithoutConsent && deps.privacyVersion && caller.privacyVersion !== deps.privacyVersion) {
      return err('FORBIDDEN', '请先阅读并同意隐私政策');
    }
    const input = action.input.safeParse(payload ?? {});
    if (!input.success) return err('INVALID_INPUT', describeIssues(input.error));
    // Names and texts are shown to other people: nothing invisible may ride along (text.ts).
    const hidden = invisibleControlAt(input.data);
    if (hidden) return err('INVALID_INPUT', `提交的内容有误：${fieldLabel(hidden)}包含不可见的控制字符，请删除后重试`);
    // A community named in the input is checked here, once, against the declared scope: a read or
    // write about another community is refused before any handler runs (self-scoped actions, such
    // as choosing where one lives, name communities the caller does not belong to yet).
    const named = (input.data as { communityId?: unknown } | null)?.communityId;
    if (typeof named === 'string' && !mayActIn(caller, action.access.scope, named)) {
      return err('FORBIDDEN', '只能查看或处理本社区的数据');
    }
    const data = await action.handler(input.data, { ...deps, caller });
    return ok(data);
  } catch (thrown) {
    // The one place a lower layer's refusal (the ledger's LedgerError) becomes the gateway's code.
    const error = toAppError(thrown);
    if (error instanceof AppError) {
      outcome = error.code;
      return err(error.code, error.message);
    }
    if (error instanceof StoreError && error.code === 'DATABASE_TRANSACTION_CONFLICT') {
      outcome = 'CONFLICT';
      return err('CONFLICT', '操作冲突，请稍后重试');
    }
    outcome = 'INTERNAL';
    // Never the payload, and the error's text redacted: a message can quote a name or a phone.
    deps.log?.({
      level: 'error',
      fn: fn.name,
      action: actionName,
      error: redactForLog(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    });
    return err('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
  } finally {
    deps.log?.({ level: 'info', fn: fn.name, action: actionName, outcome, ms: Date.now() - started });
  }
}
