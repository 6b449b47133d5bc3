/** Error codes of the gateway contract; `message` is always Chinese and meant for people. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_FUNDS',
  'OUT_OF_STOCK',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '当前状态不允许此操作，请刷新后重试',
  INSUFFICIENT_FUNDS: '余额不足',
  OUT_OF_STOCK: '库存不足',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

/** A failure the caller can act on. Anything else thrown by a handler becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const fail = (code: ErrorCode, message?: string): never => {
  throw new AppError(code, message);
};

/**
 * A wrong secret code (check-in, pickup): its own class, so the caller counts the guess without
 * reading the message. A pickup code answers NOT_FOUND, as an unknown code always has at the counter.
 */
export class WrongCodeError extends AppError {
  constructor(message: string, code: 'INVALID_INPUT' | 'NOT_FOUND' = 'INVALID_INPUT') {
    super(code, message);
    this.name = 'WrongCodeError';
  }
}
