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
  status: 'pending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  createdAt: string;
}

export const MESSAGE_COLLECTIONS = { messages: 'messages', outbox: 'outbox' } as const;

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
      body: input.body,
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
