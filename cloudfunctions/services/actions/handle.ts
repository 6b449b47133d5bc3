import { z } from 'zod';
import { pickupCodeFrom } from '../../_core/domain/greencoin';
import {
  APPLICATION_STATUSES,
  type ApplicationDoc,
  type ApplicationStep,
  dueAtFrom,
  nextStatus,
  SERVICE_COLLECTIONS,
  type SealEntryDoc,
} from '../../_core/domain/services';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import {
  applicantOf,
  applicationView,
  audit,
  clerkCommunity,
  loadApplication,
  loadItem,
  requireClerk,
  tell,
} from '../lib/access';

const ZId = z.string().min(1).max(64);
const CLERKS = ['staff', 'admin'] as const;

export const ZQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The window's queue: oldest first, so the longest-waiting person is served first. */
export const queue = defineAction({
  summary: '服务窗口待办（按状态筛选，先到先办）',
  input: ZQueueInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: false },
  handler: async (input, ctx) => {
    const communityId = clerkCommunity(ctx.caller, input.communityId);
    const filter = input.status
      ? { communityId, status: input.status }
      : { communityId, status: { $in: ['submitted', 'accepted'] } };
    const rows = await ctx.store.find<ApplicationDoc>(SERVICE_COLLECTIONS.applications, filter, {
      orderBy: [
        ['submittedAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.skip,
      limit: input.limit + 1,
    });
    const items = [];
    for (const a of rows.slice(0, input.limit)) items.push(applicationView(ctx, a, await applicantOf(ctx.store, a)));
    return { communityId, items, hasMore: rows.length > input.limit };
  },
});

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
async function step(ctx: ActionContext, input: StepInput) {
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

export const ZAcceptInputSchema = z.strictObject({ applicationId: ZId });

/** Materials are complete: the 承诺时限 starts now. */
export const accept = defineAction({
  summary: '受理申请（承诺时限自受理起算）',
  input: ZAcceptInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: (input, ctx) =>
    step(ctx, {
      applicationId: input.applicationId,
      step: 'accept',
      note: '',
      title: '申请已受理',
      body: (a) => `您申请的「${a.itemName}」已受理，承诺 ${a.dueAt?.slice(0, 10) ?? ''} 前办结。`,
      change: (a, at, days) => ({ acceptedAt: a.acceptedAt ?? at, dueAt: a.dueAt ?? dueAtFrom(at, days) }),
    }),
});

export const ZSupplementInputSchema = z.strictObject({
  applicationId: ZId,
  /** The materials that are missing or unreadable, by the item's names. */
  missing: z.array(z.string().trim().min(1).max(40)).min(1).max(12),
  note: z.string().trim().min(2).max(200),
});

/** 一次性告知补正: the applicant is told everything that is missing at once. */
export const supplement = defineAction({
  summary: '一次性告知补正（列明缺少的材料）',
  input: ZSupplementInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const app = await loadApplication(ctx.store, input.applicationId);
    const item = await loadItem(ctx.store, app.itemId);
    const unknown = input.missing.find((m) => !item.materials.includes(m));
    if (unknown) throw new AppError('INVALID_INPUT', `「${unknown}」不是该事项所需的材料`);
    return step(ctx, {
      applicationId: input.applicationId,
      step: 'supplement',
      note: input.note,
      title: '请补交材料',
      body: (a) => `您申请的「${a.itemName}」需补交：${input.missing.join('、')}。${input.note}`,
      change: () => ({ missing: [...new Set(input.missing)], missingNote: input.note }),
      details: { missing: input.missing.length },
    });
  },
});

export const ZApproveInputSchema = z.strictObject({
  applicationId: ZId,
  note: z.string().trim().max(200).default(''),
});

/** Done: the applicant gets a pickup code; a seal use goes into the seal register. */
export const approve = defineAction({
  summary: '办结（生成领取码；用印事项记入用印登记簿）',
  input: ZApproveInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true, decides: 'approve' },
  handler: async (input, ctx) => {
    const code = pickupCodeFrom(ctx.newId());
    const sealId = ctx.newId();
    const item = await loadItem(ctx.store, (await loadApplication(ctx.store, input.applicationId)).itemId);
    return step(ctx, {
      applicationId: input.applicationId,
      step: 'approve',
      note: input.note,
      title: '已办结，请领取',
      body: (a) => `您申请的「${a.itemName}」已办结，请凭领取码 ${code} 到${item.collectAt}领取。`,
      change: (_a, at) => ({ decidedAt: at, decidedBy: ctx.caller.userId, pickupCode: code }),
      also: async (tx, a, at) => {
        if (a.itemKind !== 'seal') return;
        const entry: SealEntryDoc = {
          _id: sealId,
          communityId: a.communityId,
          applicationId: a._id,
          itemName: a.itemName,
          document: a.document ?? '',
          purpose: a.purpose ?? '',
          applicantUserId: a.applicantUserId,
          approvedBy: ctx.caller.userId,
          usedAt: at,
        };
        await tx.insert(SERVICE_COLLECTIONS.seals, entry);
      },
    });
  },
});

export const ZRefuseInputSchema = z.strictObject({
  applicationId: ZId,
  reason: z.string().trim().min(2).max(200),
});

/** Not possible (not eligible, not this office's business): the reason is told and kept. */
export const refuse = defineAction({
  summary: '不予办理（须说明理由）',
  input: ZRefuseInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: (input, ctx) =>
    step(ctx, {
      applicationId: input.applicationId,
      step: 'refuse',
      note: input.reason,
      title: '申请不予办理',
      body: (a) => `您申请的「${a.itemName}」不予办理：${input.reason}`,
      change: (_a, at) => ({ decidedAt: at, decidedBy: ctx.caller.userId, refusedReason: input.reason }),
    }),
});

export const ZCollectInputSchema = z.strictObject({
  communityId: ZId.optional(),
  pickupCode: z.string().regex(/^\d{6}$/, '领取码为 6 位数字'),
});

/** At the window: the applicant shows the code, the clerk hands over the result. */
export const collect = defineAction({
  summary: '凭领取码确认居民已领取办理结果',
  input: ZCollectInputSchema,
  roles: CLERKS,
  access: { scope: ['staff'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const communityId = clerkCommunity(ctx.caller, input.communityId);
    const found = await ctx.store.find<ApplicationDoc>(
      SERVICE_COLLECTIONS.applications,
      { communityId, pickupCode: input.pickupCode, status: 'approved' },
      { limit: 2 },
    );
    const [only, second] = found;
    if (!only) throw new AppError('NOT_FOUND', '领取码无效或已领取');
    if (second) throw new AppError('CONFLICT', '领取码重复，请核对申请人');
    return step(ctx, {
      applicationId: only._id,
      step: 'collect',
      note: '',
      title: '已领取',
      body: (a) => `您申请的「${a.itemName}」已领取，感谢您的配合。`,
      change: (_a, at) => ({ collectedAt: at }),
    });
  },
});
