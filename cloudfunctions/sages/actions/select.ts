import { z } from 'zod';
import {
  APPLICATION_STATUSES,
  type AppointmentDoc,
  DEFAULT_TERM_YEARS,
  MAX_TERM_YEARS,
  reviewOutcome,
  SAGE_COLLECTIONS,
  type SageApplicationDoc,
  type StationDoc,
  type TermChange,
  termEnd,
} from '../../_core/domain/sages';
import { assertNotForSelf } from '../../_core/runtime/decisions';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import {
  applicationView,
  appointmentView,
  audit,
  chinaDay,
  isReviewer,
  loadApplication,
  loadAppointment,
  notOwn,
  requireReviewer,
  requireStreet,
  setSageGrant,
  tell,
} from '../lib/access';

const ZId = z.string().min(1).max(64);
const ZReason = z.string().trim().min(2).max(300);

export const ZQueueInputSchema = z.strictObject({
  communityId: ZId.optional(),
  status: z.enum(APPLICATION_STATUSES).default('applied'),
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

/** Applications by status: staff see their community's; the street sees any community it names. */
export const queue = defineAction({
  summary: '乡贤申请列表（社区资格审查、街道审定）',
  input: ZQueueInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['sages'], writes: false },
  handler: async (input, ctx) => {
    const communityId =
      input.communityId ?? ctx.caller.grants.find((g) => g.role === 'staff' && g.communityId)?.communityId;
    const street = ctx.caller.grants.some((g) => g.role === 'admin' && g.communityId === undefined);
    if (communityId) requireReviewer(ctx.caller, communityId);
    else if (!street) throw new AppError('INVALID_INPUT', '请指定社区');
    const rows = await ctx.store.find<SageApplicationDoc>(
      SAGE_COLLECTIONS.applications,
      communityId ? { communityId, status: input.status } : { status: input.status },
      {
        orderBy: [
          ['appliedAt', 'asc'],
          ['_id', 'asc'],
        ],
        skip: input.skip,
        limit: input.limit + 1,
      },
    );
    const items = [];
    for (const a of rows.slice(0, input.limit)) items.push(await applicationView(ctx, a));
    return { items, hasMore: rows.length > input.limit };
  },
});

export const ZReviewInputSchema = z.strictObject({
  applicationId: ZId,
  /** One result per published standard. */
  checks: z
    .array(z.strictObject({ standardId: z.string().min(1).max(30), met: z.boolean() }))
    .min(1)
    .max(10),
  note: ZReason,
});

/** The community's staff check each published standard; all met → on to the street. */
export const review = defineAction({
  summary: '社区逐项资格审查',
  input: ZReviewInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff'], touches: ['sages'], writes: true, decides: 'verify' },
  handler: async (input, ctx) => {
    const outcome = reviewOutcome(input.checks);
    if (!outcome.complete) throw new AppError('INVALID_INPUT', '请逐项审查每一条资格标准');
    const at = ctx.clock.now().toISOString();
    const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
    const next = await ctx.store.runTransaction(async (tx) => {
      const app = await loadApplication(tx, input.applicationId);
      requireReviewer(ctx.caller, app.communityId);
      await notOwn(tx, ctx.caller, app);
      if (app.status !== 'applied') throw new AppError('CONFLICT', '该申请已审查');
      const update = {
        status: outcome.qualified ? ('qualified' as const) : ('unqualified' as const),
        checks: input.checks,
        reviewNote: input.note,
        reviewedBy: ctx.caller.userId,
        reviewedAt: at,
        updatedAt: at,
      };
      await tx.updateById(SAGE_COLLECTIONS.applications, app._id, { $set: update });
      // A failed review ends the application: the person may apply again.
      if (!outcome.qualified)
        await tx.removeById(SAGE_COLLECTIONS.openLocks, `${app.applicantUserId}|${app.communityId}`);
      await tell(
        tx,
        ids,
        app.applicantUserId,
        outcome.qualified ? '乡贤申请通过资格审查' : '乡贤申请未通过资格审查',
        outcome.qualified ? '您的申请已通过社区资格审查，待街道审定。' : `未通过原因：${input.note}`,
        at,
      );
      await audit(tx, ctx, {
        id: ids.auditId,
        at,
        action: 'sages.review',
        communityId: app.communityId,
        target: { collection: SAGE_COLLECTIONS.applications, id: app._id },
        details: { qualified: outcome.qualified },
      });
      return { ...app, ...update };
    });
    // Views read other documents: outside the transaction (only tx reads exist inside).
    return applicationView(ctx, next);
  },
});

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

/** `YYYY-MM-DD`, a day in China time: the picker's answer. */
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const ZRenewInputSchema = z.strictObject({
  appointmentId: ZId,
  years: z.number().int().min(1).max(MAX_TERM_YEARS).default(DEFAULT_TERM_YEARS),
  /** The new term end picked on the page (the end of that day, China time); wins over `years`. */
  termEnd: ZDay.optional(),
  reason: ZReason,
});

/** The end of a China day as an instant; null when the text is no real day (2026-02-30). */
function endOfChinaDay(day: string): string | null {
  const end = new Date(`${day}T23:59:59.999+08:00`);
  if (Number.isNaN(end.getTime())) return null;
  return new Date(end.getTime() + 8 * 3600_000).toISOString().slice(0, 10) === day ? end.toISOString() : null;
}

/**
 * The street renews a term: to a picked day, or by `years` from its end (from today if it lapsed
 * or the sweep ended it); the role stays or returns.
 */
export const renew = defineAction({
  summary: '街道续聘乡贤监督员（新的任期届满日，说明理由）',
  input: ZRenewInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['sages', 'people'], writes: true, decides: 'grant' },
  handler: (input, ctx) =>
    changeTerm(ctx, input.appointmentId, '不能续聘本人（或自己代办的账号）', (doc, at) => {
      if (doc.status === 'removed') throw new AppError('CONFLICT', '已解聘的不能续聘，请重新申请');
      let end: string;
      if (input.termEnd) {
        const picked = endOfChinaDay(input.termEnd);
        if (!picked) throw new AppError('INVALID_INPUT', '任期届满日不是有效日期');
        if (picked <= at || (doc.status === 'active' && picked <= doc.termEnd)) {
          throw new AppError('INVALID_INPUT', '新的任期届满日须晚于今天和原任期届满日');
        }
        // As with `years`: at most five years on from where the renewal starts.
        const from = doc.status === 'active' && doc.termEnd > at ? doc.termEnd : at;
        if (picked > termEnd(from, MAX_TERM_YEARS)) {
          throw new AppError('INVALID_INPUT', `续聘期限最长 ${MAX_TERM_YEARS} 年`);
        }
        end = picked;
      } else {
        const lapsed = doc.status === 'expired' || doc.termEnd <= at;
        end = termEnd(lapsed ? at : doc.termEnd, input.years);
      }
      return {
        update: { status: 'active' as const, termEnd: end },
        change: { kind: 'renew' as const, reason: input.reason, termEnd: end },
        grant: true,
        message: { title: '您已获续聘', body: `乡贤监督员任期延至 ${chinaDay(end)}。续聘理由：${input.reason}` },
        action: 'sages.renew',
        details: { termEnd: end },
      };
    }),
});

export const ZRemoveInputSchema = z.strictObject({ appointmentId: ZId, reason: ZReason });

/** The street ends an appointment with a reason; the supervisor role goes with it. */
export const remove = defineAction({
  summary: '街道解聘乡贤监督员（说明理由，收回监督权限）',
  input: ZRemoveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['sages', 'people'], writes: true, decides: 'grant' },
  handler: (input, ctx) =>
    changeTerm(ctx, input.appointmentId, '不能解聘本人（或自己代办的账号）', (doc, at) => {
      if (doc.status !== 'active') throw new AppError('CONFLICT', doc.status === 'removed' ? '已解聘' : '任期已届满');
      return {
        update: { status: 'removed' as const, removedReason: input.reason },
        change: { kind: 'remove' as const, reason: input.reason, termEnd: at },
        grant: false,
        message: { title: '乡贤监督员聘任已解除', body: `解聘理由：${input.reason}` },
        action: 'sages.remove',
        details: {},
      };
    }),
});

/** What a renewal or removal does to one appointment, decided on the record read inside the transaction. */
interface TermDecision {
  update: Partial<Pick<AppointmentDoc, 'status' | 'termEnd' | 'removedReason'>>;
  change: Omit<TermChange, 'at' | 'byUserId'>;
  grant: boolean;
  message: { title: string; body: string };
  action: string;
  details: Record<string, string | number | boolean | null>;
}

/**
 * The one load-and-check of the street's term decisions: the street only, never about oneself (or
 * a proxy-linked account), the appointment read and changed in one transaction with its history,
 * the role, the message and the audit entry.
 */
function changeTerm(
  ctx: ActionContext,
  appointmentId: string,
  selfMessage: string,
  decide: (doc: AppointmentDoc, at: string) => TermDecision,
) {
  requireStreet(ctx.caller);
  const at = ctx.clock.now().toISOString();
  const ids = { auditId: ctx.newId(), messageId: ctx.newId(), outboxId: ctx.newId() };
  return ctx.store.runTransaction(async (tx) => {
    const doc = await loadAppointment(tx, appointmentId);
    await assertNotForSelf(tx, ctx.caller, doc.userId, selfMessage);
    const d = decide(doc, at);
    const update = {
      ...d.update,
      history: [...doc.history, { at, byUserId: ctx.caller.userId, ...d.change }],
      updatedAt: at,
    };
    await tx.updateById(SAGE_COLLECTIONS.appointments, doc._id, { $set: update });
    await setSageGrant(tx, doc.userId, doc.communityId, d.grant, at);
    await tell(tx, ids, doc.userId, d.message.title, d.message.body, at);
    await audit(tx, ctx, {
      id: ids.auditId,
      at,
      action: d.action,
      communityId: doc.communityId,
      target: { collection: SAGE_COLLECTIONS.appointments, id: doc._id },
      details: d.details,
    });
    return appointmentView(tx, { ...doc, ...update }, at);
  });
}
