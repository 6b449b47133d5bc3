import { z } from 'zod';
import { chinaDateText } from '../../_core/domain/reports/sla';
import { dueAtFrom } from '../../_core/domain/services';
import { defineAction } from '../../_core/runtime/define';
import { CLERKS, step, ZId } from '../lib/handle';

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
      body: (a) =>
        `您申请的「${a.itemName}」已受理，${a.dueAt ? `承诺 ${chinaDateText(new Date(a.dueAt))} 前办结` : '工作人员将尽快办理'}。`,
      change: (a, at, days) => ({ acceptedAt: a.acceptedAt ?? at, dueAt: a.dueAt ?? dueAtFrom(at, days) }),
    }),
});
