import type { ActionOutput } from '../../cloudfunctions/api';
import { call } from './client';
import { prefetchNotices } from './noticesPrefetch';
import { cachedProfile } from './profileCache';
import { session } from './session';

type Me = ActionOutput<'identity', 'me'>;

let me: Promise<Me> | null = null;
let tokenAsked: string | null = null;

/**
 * h5 first load (issue 19): the profile is asked for as the app starts, while the home page's
 * chunk is still downloading, instead of after it has mounted. Taken once by the first useProfile;
 * later mounts (and pull-to-refresh) ask afresh.
 */
export function warmStart(): void {
  if (process.env.TARO_ENV !== 'h5' || session.token() === null) return;
  const known = cachedProfile();
  if (known) {
    // A returning person's home renders from the kept profile without waiting for identity.me: the
    // page revalidates it after its first paint, and asking here too would only add a request's
    // main-thread work before that paint (issue 19). The notices card's answer is shown, so it is
    // asked now — only for a person known to have accepted the privacy notice and joined a community.
    if (known.community && !known.privacy.needsConsent) prefetchNotices();
    return;
  }
  tokenAsked = session.token();
  me = call('identity', 'me', {});
  // Nobody may take it (another page opened first): a failure here is not unhandled.
  me.catch(() => undefined);
}

export function takeWarmProfile(): Promise<Me> | null {
  const pending = me;
  me = null;
  // Someone else signed in since (the persona picker): that answer is not theirs.
  return pending && session.token() === tokenAsked ? pending : null;
}
