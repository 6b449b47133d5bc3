/**
 * The one redemption workflow (issue #21): a person asks to spend held units (green coins on
 * goods, time points on a service), a second person decides, and the request ends exactly once.
 * Pure rules only — the state table, what each step does to the hold, the second-person rule and
 * the per-person limit — each returning a decision. The transactional steps that apply them are in
 * `_core/redemption/`; greencoin (goods) and timebank (services) configure both with a flow.
 */
import { type Decision, refuse } from '../decision';

/** Every status any catalogue's request can be in (a flow uses a subset). */
export type WorkflowStatus =
  | 'requested'
  | 'approved'
  | 'picked_up'
  | 'fulfilled'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'refunded';

export const REDEMPTION_EVENTS = [
  'approve',
  'reject',
  'cancel',
  'expire',
  'pickup',
  'fulfil',
  'refund',
  'lapse',
] as const;
export type RedemptionEvent = (typeof REDEMPTION_EVENTS)[number];

/**
 * The one state table. requested → approved (a second person) → collected (goods: picked_up) or
 * fulfilled (services); a request ends unspent by reject, cancel (its owner) or expire (the timer);
 * an approved one is undone by refund (staff) or lapse (pickup deadline passed).
 */
export const REDEMPTION_TABLE: Record<RedemptionEvent, { from: WorkflowStatus; to: WorkflowStatus }> = {
  approve: { from: 'requested', to: 'approved' },
  reject: { from: 'requested', to: 'rejected' },
  cancel: { from: 'requested', to: 'cancelled' },
  expire: { from: 'requested', to: 'expired' },
  pickup: { from: 'approved', to: 'picked_up' },
  fulfil: { from: 'approved', to: 'fulfilled' },
  /** Approved but not handed over (goods unavailable after all): a reversing entry returns the units. */
  refund: { from: 'approved', to: 'refunded' },
  /** Approved but not collected by the pickup deadline: units and stock go back, as for a refund. */
  lapse: { from: 'approved', to: 'expired' },
};

/**
 * What a step does to the request's hold in the ledger: capture it into the community's sink,
 * void it (units back to the owner), reverse the captured posting, or nothing (a hand-over).
 */
export const LEDGER_STEP: Record<RedemptionEvent, 'capture' | 'void' | 'reverse' | 'none'> = {
  approve: 'capture',
  reject: 'void',
  cancel: 'void',
  expire: 'void',
  pickup: 'none',
  fulfil: 'none',
  refund: 'reverse',
  lapse: 'reverse',
};

/** One catalogue's use of the table: which events it has, its labels and its refusal wording. */
export interface RedemptionFlow<S extends WorkflowStatus, E extends RedemptionEvent> {
  events: readonly E[];
  labels: Record<S, string>;
  /** The Chinese sentence when `event` does not apply to a request in `status`. */
  notNow: (event: E, status: S) => string;
}

/** The status after `event`, or a CONFLICT saying why the request is not in the state it needs. */
export function nextStatus<S extends WorkflowStatus, E extends RedemptionEvent>(
  flow: RedemptionFlow<S, E>,
  status: S,
  event: E,
): Decision<{ status: S }> {
  const step = REDEMPTION_TABLE[event];
  if (!flow.events.includes(event) || step.from !== status) return refuse('CONFLICT', flow.notNow(event, status));
  return { ok: true, status: step.to as S };
}

/** The table as `status | null`, for callers that only ask whether an event applies. */
export function statusAfter<S extends WorkflowStatus, E extends RedemptionEvent>(
  flow: RedemptionFlow<S, E>,
  status: S,
  event: E,
): S | null {
  const next = nextStatus(flow, status, event);
  return next.ok ? next.status : null;
}

/**
 * What a decider may do with a request, for the queue's buttons: of the `offered` events, those the
 * table allows from `status` — approve only when the second-person rule lets this decider approve.
 * The page shows exactly these; the action still checks each one again when it is taken.
 */
export function queueActions<S extends WorkflowStatus, E extends RedemptionEvent, O extends E>(
  flow: RedemptionFlow<S, E>,
  status: S,
  offered: readonly O[],
  secondPerson: Decision,
): O[] {
  return offered.filter(
    (event) => statusAfter(flow, status, event) !== null && (event !== 'approve' || secondPerson.ok),
  );
}

/**
 * The second-person rule (maker-checker), the stricter union of what goods and services did:
 * nobody approves a request they made for someone (代办), their own request, or one of an account
 * they are linked to by a 代办 grant either way (`linked`, read by the caller from the store).
 */
export function checkSecondPerson(input: {
  approverId: string;
  ownerId: string;
  requestedById?: string | null;
  linked: boolean;
}): Decision {
  if (input.requestedById && input.requestedById === input.approverId) {
    return refuse('FORBIDDEN', '不能审核自己的兑换申请');
  }
  if (input.approverId === input.ownerId || input.linked) {
    return refuse('FORBIDDEN', '不能审核自己（或自己代办的账号）的兑换申请');
  }
  return { ok: true };
}

/** Erasure voids a person's open requests; one that slipped past it is not approved for nobody. */
export function checkRequesterActive(requester: { erasedAt?: string | null } | null): Decision {
  if (!requester || requester.erasedAt) return refuse('CONFLICT', '申请人已注销账号，该申请已作废');
  return { ok: true };
}

/** The per-person limit of a catalogue item over its period (0 = none). */
export function checkPerPersonLimit(input: { already: number; quantity: number; limit: number }): Decision {
  if (input.limit > 0 && input.already + input.quantity > input.limit) {
    return refuse('CONFLICT', `每人限兑 ${input.limit} 件，已达上限`);
  }
  return { ok: true };
}

/** A request is its owner's: anyone else asking to cancel it is told it does not exist. */
export function checkOwner(doc: { userId: string }, callerId: string): Decision {
  return doc.userId === callerId ? { ok: true } : refuse('NOT_FOUND', '兑换申请不存在');
}
