import { defineFunction } from '../_core/runtime/define';
import { apply } from './actions/apply';
import { appointments } from './actions/appointments';
import { decide } from './actions/decide';
import { mine } from './actions/mine';
import { queue } from './actions/queue';
import { remove } from './actions/remove';
import { renew } from './actions/renew';
import { review } from './actions/review';
import { standards } from './actions/standards';
import { termSweep } from './actions/terms';

/** 乡贤监督员 selection (issue 22): standards, application, qualification review, street decision, terms. */
export const sages = defineFunction('sages', {
  standards,
  apply,
  mine,
  queue,
  review,
  decide,
  appointments,
  renew,
  remove,
  'terms.sweep': termSweep,
});
