import type { ActionOutput } from '../../cloudfunctions/api';
import { call } from './client';

export type Notices = ActionOutput<'deliberation', 'notices.list'>;

const fetchNotices = (): Promise<Notices | null> =>
  call('deliberation', 'notices.list', { limit: 3 }).catch(() => null);

let prefetched: Promise<Notices | null> | null = null;

/**
 * Starts the home's notices request beside identity.me (warmStart), so the card does not wait for
 * the profile before even asking: it usually renders in the same frame as the page. Apart from the
 * card itself so that the app's first script (which starts it) does not carry the card (issue 19).
 */
export function prefetchNotices(): void {
  prefetched ??= fetchNotices();
}

/** The prefetched answer once (the card's first load), a fresh request after that. */
export function takeNotices(): Promise<Notices | null> {
  const pending = prefetched ?? fetchNotices();
  prefetched = null;
  return pending;
}
