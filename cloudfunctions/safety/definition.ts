import { defineFunction } from '../_core/runtime/define';
import { apply, mine, reapply, unit } from './actions/apply';
import { criteria, criteriaSave } from './actions/criteria';
import { awarded, evaluate, preview, queue } from './actions/evaluate';

/** 平安细胞 (issue 7): applications, published criteria, scorecards with their evidence, yearly titles. */
export const safety = defineFunction('safety', {
  criteria,
  'criteria.save': criteriaSave,
  apply,
  mine,
  unit,
  reapply,
  queue,
  preview,
  evaluate,
  awarded,
});
