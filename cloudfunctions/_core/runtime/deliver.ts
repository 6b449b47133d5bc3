import { composeMessage, MESSAGE_COLLECTIONS } from '../domain/messages';
import type { TxStore } from '../store/docstore';

/**
 * Writes a message-centre row and its subscription outbox row inside the event's transaction: the
 * one way every context tells a person something.
 */
export async function deliverMessage(tx: TxStore, input: Parameters<typeof composeMessage>[0]): Promise<void> {
  const { message, outbox } = composeMessage(input);
  await tx.insert(MESSAGE_COLLECTIONS.messages, message);
  await tx.insert(MESSAGE_COLLECTIONS.outbox, outbox);
}
