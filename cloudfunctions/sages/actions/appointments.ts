import { z } from 'zod';
import { type AppointmentDoc, SAGE_COLLECTIONS } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { appointmentView, isReviewer } from '../lib/access';
import { ZId } from '../lib/select';

export const ZAppointmentsInputSchema = z.strictObject({
  communityId: ZId.optional(),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The community's supervisors, their stations and terms: public, like the 公示 on the board. */
export const appointments = defineAction({
  summary: '本社区乡贤监督员名单（监督工作站、任期）',
  input: ZAppointmentsInputSchema,
  roles: 'authenticated',
  access: { scope: ['member'], touches: ['sages'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    const rows = await ctx.store.find<AppointmentDoc>(
      SAGE_COLLECTIONS.appointments,
      { communityId },
      {
        orderBy: [
          ['termStart', 'desc'],
          ['_id', 'desc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const nowIso = ctx.clock.now().toISOString();
    const items = [];
    for (const a of rows.slice(0, input.limit)) {
      const view = await appointmentView(ctx.store, a, nowIso);
      // Reasons for a removal are for the street and the community's staff, not the public list.
      const mayReadReasons = isReviewer(ctx.caller, communityId) || a.userId === ctx.caller.userId;
      items.push(
        mayReadReasons
          ? view
          : { ...view, removedReason: null, history: view.history.map((h) => ({ ...h, reason: '' })) },
      );
    }
    return { items, hasMore: rows.length > input.limit };
  },
});
