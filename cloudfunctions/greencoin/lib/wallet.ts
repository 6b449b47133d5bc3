import { z } from 'zod';
import type { UserDoc } from '../../_core/domain/people';
import { COLLECTIONS } from '../../_core/domain/people';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { requireManage } from '../core';

export const ZUserId = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/);

/** A resident sees only their own account; staff may look at a resident of their community. */
export async function subjectOf(ctx: ActionContext, userId: string | undefined): Promise<string> {
  if (!userId || userId === ctx.caller.userId) return ctx.caller.userId;
  const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, userId);
  if (!user?.communityId) throw new AppError('NOT_FOUND', '用户不存在');
  requireManage(ctx.caller, user.communityId);
  return userId;
}

export interface HistoryItem {
  id: string;
  amount: number;
  balanceAfter: number;
  reason: string;
  kind: string;
  category: string | null;
  at: string;
}
