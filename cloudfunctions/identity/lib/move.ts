import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { type CarriedDoc, carryOnMove, MOVE_COLLECTIONS, type MoveDoc } from '../../_core/domain/moves';
import { COLLECTIONS, type CommunityDoc, type GridDoc, type UserDoc } from '../../_core/domain/people';
import { isStaffOf } from '../../_core/domain/policy';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { balanceOf, userAccount } from '../../_core/ledger';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { deliverMessage } from '../../_core/runtime/deliver';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';

export const ZId = z.string().min(1).max(64);

export const ZMoveDecideInputSchema = z.strictObject({
  moveId: ZId,
  reason: z.string().trim().min(1).max(200).optional(),
});

async function tell(tx: TxStore, ctx: ActionContext, userId: string, title: string, body: string, at: string) {
  await deliverMessage(tx, {
    messageId: ctx.newId(),
    outboxId: ctx.newId(),
    userId,
    kind: 'general',
    title,
    body,
    link: '/pages/mine/index',
    at,
  });
}

export async function decide(ctx: ActionContext, input: z.infer<typeof ZMoveDecideInputSchema>, approve: boolean) {
  const at = ctx.clock.now().toISOString();
  const auditId = ctx.newId();
  return ctx.store.runTransaction(async (tx) => {
    const move = await tx.get<MoveDoc>(MOVE_COLLECTIONS.moves, input.moveId);
    if (!move || !isStaffOf(ctx.caller, move.toCommunityId)) throw new AppError('NOT_FOUND', '迁入申请不存在');
    await assertNotForSelf(tx, ctx.caller, move.userId, '不能审核自己（或自己代办的账号）的迁入申请');
    if (move.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    const user = await tx.get<UserDoc>(COLLECTIONS.users, move.userId);
    if (!user || user.communityId !== move.fromCommunityId) throw new AppError('CONFLICT', '申请人的居住地已变化');
    const community = await tx.get<CommunityDoc>(COLLECTIONS.communities, move.toCommunityId);
    if (approve) {
      const grid = await tx.get<GridDoc>(COLLECTIONS.grids, move.toGridId);
      if (!grid || grid.communityId !== move.toCommunityId) throw new AppError('NOT_FOUND', '所选网格不存在');
      // Home roles (resident, volunteer) move; assignments (staff, grid worker, sage) stay where they were given.
      const grants = user.grants
        .filter((g) => g.role !== 'resident')
        .map((g) =>
          g.role === 'volunteer' && g.communityId === move.fromCommunityId
            ? { ...g, communityId: move.toCommunityId }
            : g,
        );
      grants.push({ role: 'resident', communityId: move.toCommunityId });
      await tx.updateById(COLLECTIONS.users, user._id, {
        $set: { communityId: move.toCommunityId, gridId: move.toGridId, grants, updatedAt: at },
      });
      // The volunteer record (hours, star level) moves with the person.
      const volunteer = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, user._id);
      if (volunteer) {
        await tx.updateById(TB_COLLECTIONS.volunteers, volunteer._id, {
          $set: { communityId: move.toCommunityId, updatedAt: at },
        });
        await countVolunteerChange(tx, volunteer, { ...volunteer, communityId: move.toCommunityId });
      }
      // Coins stay with the community that issued them: what was spendable at the old home is held for it.
      const { available } = await balanceOf(tx, userAccount('GC', user._id));
      const carried = await tx.get<CarriedDoc>(MOVE_COLLECTIONS.carried, user._id);
      const byCommunity = carryOnMove(carried, { from: move.fromCommunityId, to: move.toCommunityId, available });
      if (carried) await tx.updateById(MOVE_COLLECTIONS.carried, user._id, { $set: { byCommunity } });
      else await tx.insert<CarriedDoc>(MOVE_COLLECTIONS.carried, { _id: user._id, byCommunity });
    }
    await tx.updateById(MOVE_COLLECTIONS.moves, move._id, {
      $set: {
        status: approve ? 'approved' : 'rejected',
        decidedAt: at,
        decidedBy: ctx.caller.userId,
        rejectReason: input.reason ?? null,
      },
    });
    await tx.insert(
      AUDIT_COLLECTION,
      auditEntry({
        id: auditId,
        at,
        actorUserId: ctx.caller.userId,
        action: approve ? 'identity.move.approve' : 'identity.move.reject',
        communityId: move.toCommunityId,
        target: { collection: MOVE_COLLECTIONS.moves, id: move._id },
        details: { from: move.fromCommunityId, to: move.toCommunityId },
      }),
    );
    const name = community?.name ?? '新社区';
    await tell(
      tx,
      ctx,
      user._id,
      approve ? `已迁入${name}` : `迁入${name}的申请未通过`,
      approve
        ? '原社区发放的绿币仍可在原社区爱心超市使用；志愿服务记录已随您迁入。'
        : `原因：${input.reason ?? '未说明'}`,
      at,
    );
    return { id: move._id, status: approve ? ('approved' as const) : ('rejected' as const) };
  });
}
