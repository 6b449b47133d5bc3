import { z } from 'zod';
import { type AppointmentDoc, SAGE_COLLECTIONS, type SageApplicationDoc } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { applicationView, appointmentView } from '../lib/access';

/** My applications and, once appointed, my term and station. */
export const mine = defineAction({
  summary: '我的乡贤申请和聘任',
  input: z.strictObject({}),
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['sages'], writes: false },
  handler: async (_input, ctx) => {
    // One person applies a handful of times at most (one open at once, terms of years).
    const apps = await ctx.store.find<SageApplicationDoc>(
      SAGE_COLLECTIONS.applications,
      { applicantUserId: ctx.caller.userId },
      { orderBy: [['appliedAt', 'desc']], limit: 20 },
    );
    const appointments = await ctx.store.find<AppointmentDoc>(
      SAGE_COLLECTIONS.appointments,
      { userId: ctx.caller.userId },
      { orderBy: [['termStart', 'desc']], limit: 20 },
    );
    const nowIso = ctx.clock.now().toISOString();
    const views = [];
    for (const a of apps) views.push(await applicationView(ctx, a));
    const terms = [];
    for (const a of appointments) terms.push(await appointmentView(ctx.store, a, nowIso));
    return { applications: views, appointments: terms };
  },
});
