/**
 * Messages to a person (the message centre) and the subscription-message outbox. Both are
 * written inside the transaction of the event they announce, so no event is announced twice or lost.
 */
export type MessageKind =
  | 'report.progress'
  | 'redemption.approved'
  | 'redemption.rejected'
  | 'meeting.reminder'
  | 'topic.answered'
  | 'hours.confirmed'
  | 'opinion.answered'
  | 'general';

export interface MessageDoc {
  _id: string;
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  /** Page path inside the mini-program that opens the item. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** One outbox row per message: a sender drains it into WeChat subscription messages when consent exists. */
export interface OutboxDoc {
  _id: string;
  messageId: string;
  userId: string;
  kind: MessageKind;
  /** pending → sending → sent; back to pending for a retry; skipped without consent; failed after retries. */
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  createdAt: string;
}

export const MESSAGE_COLLECTIONS = { messages: 'messages', outbox: 'outbox' } as const;

/** How a sentence ends: a full stop, question or exclamation mark, possibly inside closing quotes or brackets. */
const SENTENCE_END = /[。！？!?][」』）)”]*$/;

/**
 * A body that ends its sentence: many end with what a person typed (a reason, a report's words,
 * an answer), which rarely carries a full stop; the message centre shows it as a finished sentence.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || SENTENCE_END.test(trimmed)) return trimmed;
  return `${trimmed.replace(/[，,；;：:、\s]+$/, '')}。`;
}

/** The message and its outbox row, ready to insert in the event's transaction. */
export function composeMessage(input: {
  messageId: string;
  outboxId: string;
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  link: string | null;
  at: string;
}): { message: MessageDoc; outbox: OutboxDoc } {
  return {
    message: {
      _id: input.messageId,
      userId: input.userId,
      kind: input.kind,
      title: input.title,
      body: asSentence(input.body),
      link: input.link,
      createdAt: input.at,
      readAt: null,
    },
    outbox: {
      _id: input.outboxId,
      messageId: input.messageId,
      userId: input.userId,
      kind: input.kind,
      status: 'pending',
      attempts: 0,
      createdAt: input.at,
    },
  };
}

/** One accepted subscription (wx.requestSubscribeMessage) allows exactly one message of that kind. */
export interface ConsentDoc {
  /** `<userId>:<kind>` */
  _id: string;
  userId: string;
  kind: MessageKind;
  remaining: number;
  updatedAt: string;
}

export const NOTIFY_COLLECTIONS = { consents: 'notify_consents' } as const;
export const consentId = (userId: string, kind: MessageKind): string => `${userId}:${kind}`;

/** Attempts before an outbox row is given up as failed (then the grid worker's phone call is the fallback). */
export const MAX_SEND_ATTEMPTS = 3;

/**
 * What a subscription message carries. WeChat templates take short fields: thing ≤ 20 characters,
 * so titles and bodies are cut to fit.
 */
export function subscriptionData(
  message: Pick<MessageDoc, 'title' | 'body' | 'createdAt'>,
): Record<string, { value: string }> {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return {
    thing1: { value: cut(message.title, 20) },
    thing2: { value: cut(message.body, 20) },
    time3: { value: message.createdAt.slice(0, 16).replace('T', ' ') },
  };
}

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'report.progress',
  'redemption.approved',
  'redemption.rejected',
  'meeting.reminder',
  'topic.answered',
  'hours.confirmed',
  'opinion.answered',
  'general',
];

/**
 * Why a message as stored is not a complete text, or null. The message centre keeps the whole
 * sentence; only subscriptionData shortens, and only for WeChat's payload (thing ≤ 20 characters).
 * Every test suite's runtime checks each message its handlers wrote (tests/support/runtime.ts).
 */
export function messageCut(message: Pick<MessageDoc, 'title' | 'body'>): string | null {
  const title = message.title.trim();
  const body = message.body.trim();
  if (title === '') return 'the title is empty';
  // Our shorteners end with one '…' (a person's own 「……」 is two): that is a cut.
  if (/(^|[^…])…$/.test(title)) return `the title is cut: ${title}`;
  if (body === '') return 'the body is empty';
  if (/(^|[^…])…[」』）)”]*[。！？]?$/.test(body)) return `the body is cut: ${body}`;
  if (!SENTENCE_END.test(body)) return `the body does not end its sentence: ${body}`;
  return null;
}
