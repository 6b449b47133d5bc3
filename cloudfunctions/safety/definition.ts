import { defineFunction } from '../_core/runtime/define';
import { apply } from './actions/apply';
import { awarded } from './actions/awarded';
import { criteria } from './actions/criteria';
import { criteriaSave } from './actions/criteriaSave';
import { evaluate } from './actions/evaluate';
import { mine } from './actions/mine';
import { preview } from './actions/preview';
import { queue } from './actions/queue';
import { reapply } from './actions/reapply';
import { unit } from './actions/unit';

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
