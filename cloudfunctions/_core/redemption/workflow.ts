/**
 * The transactional steps of the one redemption workflow (issue #21): hold at request, then one
 * `loadForTransition` (load once, authorise, the second-person rule, step the table) and one
 * `settleHold` (capture / void / reverse through the ledger). The pure rules they apply are in
 * `_core/domain/redemption`. A catalogue configures it: green-coin goods (greencoin/lib/goods-flow.ts,
 * stock shards and pickup on top) and time-bank services (timebank/lib/service-flow.ts).
 */
import type { Decision } from '../domain/decision';
import type { Currency } from '../domain/ledger/accounts';
import { COLLECTIONS, type UserDoc } from '../domain/people';
import {
  checkRequesterActive,
  checkSecondPerson,
  LEDGER_STEP,
  nextStatus,
  type RedemptionEvent,
  type RedemptionFlow,
  type WorkflowStatus,
} from '../domain/redemption';
import type { Caller } from '../domain/roles';
import { captureHold, hold, reversePosting, sinkAccount, userAccount, voidHold } from '../ledger';
import { proxyLinked } from '../runtime/decisions';
import { decided } from '../runtime/edge';
import { AppError } from '../runtime/errors';
import type { TxStore } from '../store/docstore';

/** What every request document of any catalogue carries. */
export interface RequestRecord<S extends WorkflowStatus = WorkflowStatus> {
  _id: string;
  communityId: string;
  /** The owner: whose units are held and who is told. */
  userId: string;
  status: S;
  holdId: string;
  postingId: string | null;
  /** 代办: who asked for the owner; they may not approve it either. */
  requestedByUserId?: string | null;
}

/** One configuration of the workflow: a currency and a catalogue's request collection and flow. */
export interface Catalogue<S extends WorkflowStatus, E extends RedemptionEvent> {
  currency: Currency;
  /** The ledger category of its holds and postings. */
  category: string;
  collection: string;
  flow: RedemptionFlow<S, E>;
  notFound: string;
}

/** An authorisation of one caller on a loaded request; `undefined` means nothing to check (the timer, erasure). */
export type Authorize<D> = (doc: D) => Decision | undefined;

/**
 * Loads the request once inside the transaction and decides whether `event` may happen to it:
 * NOT_FOUND, the caller's authorisation, for an approval the second-person rule, the table
 * (CONFLICT in the catalogue's words), and for an approval a requester who still exists.
 * Exactly once: a racing second decision reads the stepped status and is refused.
 */
export async function loadForTransition<
  S extends WorkflowStatus,
  E extends RedemptionEvent,
  D extends RequestRecord<S>,
>(
  tx: TxStore,
  catalogue: Catalogue<S, E>,
  input: { id: string; event: E; actor: Caller; authorize: Authorize<D> },
): Promise<{ doc: D; status: S }> {
  const doc = await tx.get<D>(catalogue.collection, input.id);
  if (!doc) throw new AppError('NOT_FOUND', catalogue.notFound);
  const allowed = input.authorize(doc);
  if (allowed) decided(allowed);
  const approving = input.event === 'approve';
  if (approving) decided(await secondPerson(tx, input.actor.userId, doc));
  const { status } = decided(nextStatus(catalogue.flow, doc.status, input.event));
  // A reversal needs the captured posting; an approval recorded without one cannot be undone here.
  if (LEDGER_STEP[input.event] === 'reverse' && !doc.postingId) {
    throw new AppError('CONFLICT', catalogue.flow.notNow(input.event, doc.status));
  }
  if (approving) decided(checkRequesterActive(await tx.get<UserDoc>(COLLECTIONS.users, doc.userId)));
  return { doc, status };
}

/**
 * The second-person rule for one approver and one request, with the 代办 links read by id: what
 * an approval checks, and what the queue asks before it offers 通过.
 */
export async function secondPerson(
  reader: Pick<TxStore, 'get'>,
  approverId: string,
  doc: Pick<RequestRecord, 'userId' | 'requestedByUserId'>,
): Promise<Decision> {
  return checkSecondPerson({
    approverId,
    ownerId: doc.userId,
    requestedById: doc.requestedByUserId,
    linked: await proxyLinked(reader, approverId, doc.userId),
  });
}

/**
 * What the step does to the request's hold: capture it into the community's sink (the approval's
 * posting id), void it, or reverse the captured posting (`postingId` is the reversing entry's id).
 * Returns the posting written, or null.
 */
export async function settleHold(
  tx: TxStore,
  doc: RequestRecord,
  event: RedemptionEvent,
  input: { at: string; actorUserId: string; postingId: string; reason: string },
): Promise<string | null> {
  switch (LEDGER_STEP[event]) {
    case 'capture': {
      const posting = await captureHold(tx, doc.holdId, {
        postingId: input.postingId,
        at: input.at,
        actorUserId: input.actorUserId,
      });
      return posting.id;
    }
    case 'void':
      await voidHold(tx, doc.holdId, { at: input.at, reason: event });
      return null;
    case 'reverse':
      await reversePosting(tx, doc.postingId as string, {
        id: input.postingId,
        at: input.at,
        reason: input.reason,
        kind: 'refund',
        actorUserId: input.actorUserId,
      });
      return input.postingId;
    case 'none':
      return null;
  }
}

/** The first phase: the owner's units held towards the community's sink until a decision. */
export async function holdForRequest(
  tx: TxStore,
  catalogue: Pick<Catalogue<WorkflowStatus, RedemptionEvent>, 'currency' | 'category' | 'collection'>,
  input: {
    holdId: string;
    requestId: string;
    ownerId: string;
    communityId: string;
    amount: number;
    reason: string;
    at: string;
  },
): Promise<void> {
  await hold(tx, {
    id: input.holdId,
    currency: catalogue.currency,
    from: userAccount(catalogue.currency, input.ownerId),
    to: sinkAccount(catalogue.currency, input.communityId),
    amount: input.amount,
    reason: input.reason,
    kind: 'redeem',
    category: catalogue.category,
    ref: { collection: catalogue.collection, id: input.requestId },
    at: input.at,
  });
}
