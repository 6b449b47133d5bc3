/**
 * The approval queue and a person's own list, the same for every catalogue: one community's
 * requests in one status, oldest first (先到先审), with the requester's nickname (never a phone);
 * the owner's newest first. Pages are `limit + 1` reads so `hasMore` needs no count.
 */

import type { Decision } from '../domain/decision';
import { COLLECTIONS, type UserDoc } from '../domain/people';
import type { DocStore } from '../store/docstore';
import { type RequestRecord, secondPerson } from './workflow';

export interface PageInput {
  skip: number;
  limit: number;
}

export async function queuePage<D extends RequestRecord>(
  store: DocStore,
  collection: string,
  input: PageInput & { communityId: string; status: string },
): Promise<{ page: D[]; names: Map<string, string>; hasMore: boolean }> {
  const docs = await store.find<D>(
    collection,
    { communityId: input.communityId, status: input.status },
    {
      orderBy: [
        ['createdAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    },
  );
  const page = docs.slice(0, input.limit);
  const users = page.length
    ? await store.find<UserDoc>(COLLECTIONS.users, { _id: { $in: [...new Set(page.map((d) => d.userId))] } })
    : [];
  return { page, names: new Map(users.map((u) => [u._id, u.nickname])), hasMore: docs.length > input.limit };
}

export async function ownPage<D extends RequestRecord>(
  store: DocStore,
  collection: string,
  input: PageInput & { userId: string; status?: string },
): Promise<{ page: D[]; hasMore: boolean }> {
  const filter: Record<string, unknown> = { userId: input.userId };
  if (input.status) filter.status = input.status;
  const docs = await store.find<D>(collection, filter, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    skip: input.skip,
    limit: input.limit + 1,
  });
  return { page: docs.slice(0, input.limit), hasMore: docs.length > input.limit };
}

/** The second-person rule for the queue's 通过 button; asked only of requests still waiting. */
export async function secondPersonFor(store: DocStore, approverId: string, doc: RequestRecord): Promise<Decision> {
  return doc.status === 'requested' ? secondPerson(store, approverId, doc) : { ok: true };
}
