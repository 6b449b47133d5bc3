import { defineFunction } from '../_core/runtime/define';
import { apply, mine, standards } from './actions/apply';
import { appointments, decide, queue, remove, renew, review } from './actions/select';
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
