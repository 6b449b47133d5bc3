/**
 * The one shape of a rule's answer (docs/CONTRIBUTING.md, "Rules"): domain functions are pure and
 * RETURN a decision instead of throwing; the action edge (`decided()` in `_core/runtime/edge.ts`)
 * turns a refusal into the gateway's AppError. `{ ok: true, …what was decided }` or a refusal with
 * the kind of refusal and the Chinese sentence a person reads. The shape is the one the report
 * lifecycle (`decide`) and the time bank (`checkConfirm`) already returned.
 */
// INSUFFICIENT_FUNDS and RATE_LIMITED are rules too: points never go negative (a correction that
// would take back spent points), a guessed check-in code is capped.
export type RefusalCode =
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'INSUFFICIENT_FUNDS'
  | 'RATE_LIMITED';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** Chinese, for people. */
  message: string;
}

// biome-ignore lint/complexity/noBannedTypes: `{}` is "nothing decided beyond ok", the default payload.
export type Decision<T extends object = {}> = ({ ok: true } & T) | Refusal;

export const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });
