import { defineFunction } from '../_core/runtime/define';
import { consent } from './actions/consent';
import { drainOutbox } from './actions/drainOutbox';
import { list } from './actions/list';
import { markRead } from './actions/markRead';
import { unreadCount } from './actions/unreadCount';

/** The message centre: every status change that concerns a person, written by the other contexts. */
export const inbox = defineFunction('inbox', { list, unreadCount, markRead, consent, 'outbox.drain': drainOutbox });
