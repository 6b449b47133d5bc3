import { z } from 'zod';
import { CLAIM_CODE, type TipDoc } from '../../_core/domain/tips';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import type { TxStore } from '../../_core/store/docstore';
import { loadTip, requireOfficerFor } from './access';

export const ZId = z.string().min(1).max(64);

/**
 * The anonymous tipster's claim code (XXXX-XXXX-XXXX), capped before it is trimmed and matched: the
 * cap is what refuses a string sized to the body limit, with the field's own bound in Chinese.
 */
export const ZClaimCode = z
  .string()
  .max(64)
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(CLAIM_CODE, '领取码格式为 XXXX-XXXX-XXXX'));

export const OFFICERS = ['tip_officer'] as const;

/**
 * Loads the tip for an officer step; nobody acts on a tip they sent themselves, nor on one sent by
 * a person they act for (代办) or who acts for them.
 */
export async function officerTip(tx: TxStore, ctx: ActionContext, tipId: string): Promise<TipDoc> {
  const tip = requireOfficerFor(ctx.caller, await loadTip(tx, tipId));
  if (tip.tipsterUserId) {
    await assertNotForSelf(tx, ctx.caller, tip.tipsterUserId, '不能处理本人（或自己代办的账号）提交的举报');
  }
  return tip;
}
