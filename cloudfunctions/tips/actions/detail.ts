import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { audit, loadTip, officerView, requireOfficerFor } from '../lib/access';
import { OFFICERS, ZId } from '../lib/desk';

export const ZDetailInputSchema = z.strictObject({ tipId: ZId });

/** Content and identity, for the scheme's officers only; every read is logged. */
export const detail = defineAction({
  summary: '查看举报内容和举报人（每次查看均记录）',
  input: ZDetailInputSchema,
  roles: OFFICERS,
  access: { scope: ['staff'], touches: ['tips'], writes: false },
  handler: async (input, ctx) => {
    const tip = requireOfficerFor(ctx.caller, await loadTip(ctx.store, input.tipId));
    const at = ctx.clock.now().toISOString();
    const auditId = ctx.newId();
    await ctx.store.runTransaction(async (tx) => {
      await audit(tx, ctx, { id: auditId, at, action: 'tips.read', tip });
    });
    return officerView(ctx, tip);
  },
});
