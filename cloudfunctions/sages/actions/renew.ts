import { z } from 'zod';
import { chinaDateText } from '../../_core/domain/reports/sla';
import { DEFAULT_TERM_YEARS, MAX_TERM_YEARS, termEnd } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { changeTerm, ZId, ZReason } from '../lib/select';

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
        message: {
          title: '您已获续聘',
          body: `乡贤监督员任期延至 ${chinaDateText(new Date(end))}。续聘理由：${input.reason}`,
        },
        action: 'sages.renew',
        details: { termEnd: end },
      };
    }),
});
