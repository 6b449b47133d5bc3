import { z } from 'zod';
import {
  type ApplicationDoc,
  type ApplicationStep,
  nextStatus,
  SERVICE_COLLECTIONS,
} from '../../_core/domain/services';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { applicationView, audit, loadApplication, loadItem, requireClerk, tell } from './access';

export const ZId = z.string().min(1).max(64);

export const CLERKS = ['staff', 'admin'] as const;

interface StepInput {
  applicationId: string;
  step: ApplicationStep;
  note: string;
  title: string;
  body: (app: ApplicationDoc) => string;
  /** Extra fields the step sets, computed from the application and the item. */
  change: (app: ApplicationDoc, at: string, timeLimitDays: number) => Partial<ApplicationDoc>;
  /** Writes beyond the application (the seal register). */
  also?: (tx: TxStore, app: ApplicationDoc, at: string) => Promise<void>;
  details?: Record<string, string | number | boolean | null>;
}

/** One clerk step: checked transition, the applicant told, an audit entry — all in one transaction. */
export async function step(ctx: ActionContext, input: StepInput) {
  const first = await loadApplication(ctx.store, input.applicationId);
  requireClerk(ctx.caller, first.communityId);
  const item = await loadItem(ctx.store, first.itemId);
  const at = ctx.clock.now().toISOString();
  const ids = { messageId: ctx.newId(), outboxId: ctx.newId() };
  const auditId = ctx.newId();
  return ctx.store.runTransaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    // Nobody handles their own application, nor one of a person they act for (代办) or who acts
    // for them: a clerk who applied goes to a colleague like anyone else.
    await assertNotForSelf(tx, ctx.caller, app.applicantUserId, '不能办理自己（或自己代办的账号）的申请');
    const status = nextStatus(app.status, input.step, app.acceptedAt !== null);
    if (!status)
      throw new AppError('CONFLICT', `该申请${app.status === 'refused' ? '已不予办理' : '当前状态'}不能执行此操作`);
    const update: Partial<ApplicationDoc> = {
      ...input.change(app, at, item.timeLimitDays),
      status,
      events: [...app.events, { at, byUserId: ctx.caller.userId, step: input.step, note: input.note }],
      updatedAt: at,
    };
    await tx.updateById(SERVICE_COLLECTIONS.applications, app._id, { $set: update });
    const next = { ...app, ...update } as ApplicationDoc;
    await input.also?.(tx, next, at);
    await tell(tx, ids, next, input.title, input.body(next), at);
    await audit(tx, ctx, {
      id: auditId,
      at,
      action: `services.${input.step}`,
      communityId: app.communityId,
      target: { collection: SERVICE_COLLECTIONS.applications, id: app._id },
      details: { item: app.itemId, from: app.status, to: status, ...input.details },
    });
    return applicationView(ctx, next);
  });
}
