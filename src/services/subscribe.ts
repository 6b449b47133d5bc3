import Taro from '@tarojs/taro';
import type { ActionInput } from '../../cloudfunctions/api';
import { call } from './client';

type Kind = ActionInput<'inbox', 'consent'>['kinds'][number];

/** Template ids per message kind, set at build time (TARO_APP_TEMPLATE_REPORT_PROGRESS, …). */
const TEMPLATES: Partial<Record<Kind, string | undefined>> = {
  'report.progress': process.env.TARO_APP_TEMPLATE_REPORT_PROGRESS,
  'redemption.approved': process.env.TARO_APP_TEMPLATE_REDEMPTION_APPROVED,
  'meeting.reminder': process.env.TARO_APP_TEMPLATE_MEETING_REMINDER,
  'topic.answered': process.env.TARO_APP_TEMPLATE_TOPIC_ANSWERED,
  'hours.confirmed': process.env.TARO_APP_TEMPLATE_HOURS_CONFIRMED,
};

/**
 * Asks WeChat for consent to notify the person about `kinds` (at most 3 at once) and records what
 * they accepted: one acceptance = one message. Returns how many were accepted; 0 on h5 or when no
 * template is configured.
 */
export async function askSubscription(kinds: Kind[]): Promise<number> {
  if (process.env.TARO_ENV !== 'weapp') return 0;
  const wanted = kinds
    .slice(0, 3)
    .flatMap((kind) => (TEMPLATES[kind] ? [[kind, TEMPLATES[kind] as string] as const] : []));
  if (wanted.length === 0) return 0;
  try {
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds: wanted.map(([, id]) => id),
      entityIds: [],
    } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
    const accepted = wanted.filter(([, id]) => answer[id] === 'accept').map(([kind]) => kind);
    if (accepted.length > 0) await call('inbox', 'consent', { kinds: accepted });
    return accepted.length;
  } catch {
    return 0; // declined or unsupported: the message centre still has every message
  }
}
