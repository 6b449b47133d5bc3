import { z } from 'zod';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import type { ActionContext } from '../../_core/runtime/define';

export const ZUserId = z.string().min(1).max(64);

/** Where a helper sees whom they may act for. */
export const PROXY_PAGE = '/packages/care/proxy/index';

export async function names(ctx: ActionContext, ids: string[]) {
  const found = await Promise.all(ids.map((id) => ctx.store.get<UserDoc>(COLLECTIONS.users, id)));
  return new Map(found.filter((u): u is UserDoc => !!u).map((u) => [u._id, u.nickname]));
}
