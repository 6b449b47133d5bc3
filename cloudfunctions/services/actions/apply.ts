import { z } from 'zod';
import type { ServiceItemDoc } from '../../_core/domain/services';
import { type ApplicationDoc, type MaterialUpload, SERVICE_COLLECTIONS } from '../../_core/domain/services';
import { idempotent } from '../../_core/idempotency';
import { underCap } from '../../_core/runtime/caps';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView, assertFiles, loadItem } from '../lib/access';

export const ZId = z.string().min(1).max(64);

const ZKey = z.string().min(8).max(64);

export const ZMaterials = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1).max(40),
      /** Upload ids from POST /api/files (h5) or Taro.cloud.uploadFile (weapp). */
      fileIds: z.array(z.string().min(1).max(300)).min(1).max(6),
    }),
  )
  .max(12);

/** Materials must be ones the item asks for, each named once; every photo must exist. */
export async function checkMaterials(
  ctx: Parameters<typeof assertFiles>[0],
  item: ServiceItemDoc,
  materials: MaterialUpload[],
) {
  const names = materials.map((m) => m.name);
  if (new Set(names).size !== names.length) throw new AppError('INVALID_INPUT', '同一项材料请合并上传');
  const unknown = names.find((n) => !item.materials.includes(n));
  if (unknown) throw new AppError('INVALID_INPUT', `「${unknown}」不是该事项所需的材料`);
  await assertFiles(
    ctx,
    materials.flatMap((m) => m.fileIds),
  );
}

/** Open applications one person may hold at once: enough for a family, not for flooding the window. */
const MAX_OPEN_PER_PERSON = 10;

export const ZApplyInputSchema = z.strictObject({
  itemId: ZId,
  materials: ZMaterials,
  note: z.string().trim().max(200).default(''),
  /** Seal use: the document to be stamped and what it is for. */
  document: z.string().trim().min(2).max(60).optional(),
  purpose: z.string().trim().min(2).max(100).optional(),
  key: ZKey,
});

/** A resident applies online with photos of the materials; staff see it in the window's queue. */
export const apply = defineAction({
  summary: '在线申请服务事项或用印（上传材料照片）',
  input: ZApplyInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['services'], writes: true },
  handler: async (input, ctx) => {
    const item = await loadItem(ctx.store, input.itemId);
    if (!item.active) throw new AppError('NOT_FOUND', '服务事项不存在');
    if (ctx.caller.communityId !== item.communityId) throw new AppError('FORBIDDEN', '只能申请本社区的服务事项');
    if (item.kind === 'seal' && (!input.document || !input.purpose)) {
      throw new AppError('INVALID_INPUT', '用印申请请填写文件名称和用途');
    }
    if (item.kind !== 'seal' && (input.document || input.purpose)) {
      throw new AppError('INVALID_INPUT', '只有用印申请需要填写文件名称和用途');
    }
    await checkMaterials(ctx, item, input.materials);
    // Counted and inserted under the cap (caps.ts): parallel applications cannot all slip past it.
    const cap = {
      id: `services:${ctx.caller.userId}`,
      limit: MAX_OPEN_PER_PERSON,
      count: () =>
        ctx.store.count(SERVICE_COLLECTIONS.applications, {
          applicantUserId: ctx.caller.userId,
          status: { $in: ['submitted', 'supplement', 'accepted'] },
        }),
      refusal: () => new AppError('RATE_LIMITED', '办理中的申请过多，请等待办结后再申请'),
    };
    const at = ctx.clock.now().toISOString();
    const id = ctx.newId();
    return underCap(ctx.store, cap, (claim) =>
      idempotent(
        ctx.store,
        { scope: ctx.caller.userId, key: input.key, request: { action: 'services.apply', input }, at },
        async (tx) => {
          await claim(tx);
          const app: ApplicationDoc = {
            _id: id,
            communityId: item.communityId,
            itemId: item._id,
            itemName: item.name,
            itemKind: item.kind,
            applicantUserId: ctx.caller.userId,
            note: input.note,
            document: input.document ?? null,
            purpose: input.purpose ?? null,
            materials: input.materials,
            status: 'submitted',
            missing: [],
            missingNote: '',
            refusedReason: null,
            submittedAt: at,
            acceptedAt: null,
            dueAt: null,
            decidedAt: null,
            decidedBy: null,
            collectedAt: null,
            pickupCode: null,
            events: [{ at, byUserId: ctx.caller.userId, step: 'submit', note: '' }],
            updatedAt: at,
          };
          await tx.insert(SERVICE_COLLECTIONS.applications, app);
          return applicationView(ctx, app);
        },
      ),
    );
  },
});
