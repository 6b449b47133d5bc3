import { z } from 'zod';
import {
  type AppointmentDoc,
  DEFAULT_TERM_YEARS,
  SAGE_COLLECTIONS,
  type StationDoc,
  termEnd,
} from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { applicationView, audit, loadApplication, notOwn, requireStreet, setSageGrant, tell } from '../lib/access';
import { ZId, ZReason } from '../lib/select';

export const ZDecideInputSchema = z.strictObject({
  applicationId: ZId,
  appoint: z.boolean(),
  /** The street's decision number, e.g. 南街发〔2026〕12 号. */
  decisionNo: z.string().trim().min(2).max(40),
  reason: ZReason,
  stationId: ZId.optional(),
  termYears: z.number().int().min(1).max(5).default(DEFAULT_TERM_YEARS),
});

/**
 * The street's recorded decision. Appointing writes the appointment (term, station) and grants the
 * supervisor role in the same transaction: the only way the role is ever granted.
 */
export const decide = defineAction({
  summary: '街道审定：聘任（任期、监督工作站）或不予聘任，记录决定文号和理由',
  input: ZDecideInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['sages', 'people'], writes: true, decides: 'grant' },
  handler: async (input, ctx) => {
    requireStreet(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const appointmentId = ctx.newId();
    const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
    const next = await ctx.store.runTransaction(async (tx) => {
      const app = await loadApplication(tx, input.applicationId);
      await notOwn(tx, ctx.caller, app);
      // Review and decision are two people's: whoever checked the qualifications does not also decide.
      if (app.reviewedBy === ctx.caller.userId) throw new AppError('FORBIDDEN', '资格审查人不能同时作出审定决定');
      if (app.status !== 'qualified') {
        throw new AppError('CONFLICT', app.status === 'applied' ? '该申请尚未通过社区资格审查' : '该申请已审定');
      }
      let station: StationDoc | null = null;
      if (input.appoint) {
        if (!input.stationId) throw new AppError('INVALID_INPUT', '请选择所在的乡贤监督工作站');
        station = await tx.get<StationDoc>(SAGE_COLLECTIONS.stations, input.stationId);
        if (!station || station.communityId !== app.communityId) throw new AppError('NOT_FOUND', '监督工作站不存在');
      }
      const update = {
        status: input.appoint ? ('appointed' as const) : ('declined' as const),
        decisionNo: input.decisionNo,
        decisionReason: input.reason,
        decidedBy: ctx.caller.userId,
        decidedAt: at,
        appointmentId: input.appoint ? appointmentId : null,
        updatedAt: at,
      };
      await tx.updateById(SAGE_COLLECTIONS.applications, app._id, { $set: update });
      await tx.removeById(SAGE_COLLECTIONS.openLocks, `${app.applicantUserId}|${app.communityId}`);
      if (station) {
        const end = termEnd(at, input.termYears);
        const appointment: AppointmentDoc = {
          _id: appointmentId,
          communityId: app.communityId,
          userId: app.applicantUserId,
          applicationId: app._id,
          stationId: station._id,
          decisionNo: input.decisionNo,
          termStart: at,
          termEnd: end,
          status: 'active',
          removedReason: null,
          history: [{ at, byUserId: ctx.caller.userId, kind: 'appoint', reason: input.reason, termEnd: end }],
          updatedAt: at,
        };
        await tx.insert(SAGE_COLLECTIONS.appointments, appointment);
        await setSageGrant(tx, app.applicantUserId, app.communityId, true, at);
      }
      await tell(
        tx,
        ids,
        app.applicantUserId,
        input.appoint ? '您已被聘任为乡贤监督员' : '乡贤申请未获聘任',
        input.appoint
          ? `依据${input.decisionNo}，聘任您为${station?.name ?? ''}乡贤监督员，任期 ${input.termYears} 年。`
          : `街道审定意见：${input.reason}`,
        at,
      );
      await audit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'sages.decide',
        communityId: app.communityId,
        target: { collection: SAGE_COLLECTIONS.applications, id: app._id },
        details: {
          appoint: input.appoint,
          decisionNo: input.decisionNo,
          termYears: input.appoint ? input.termYears : null,
        },
      });
      return { ...app, ...update };
    });
    // Views read other documents: outside the transaction (only tx reads exist inside).
    return applicationView(ctx, next);
  },
});
