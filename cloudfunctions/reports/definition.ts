import { defineFunction } from '../_core/runtime/define';
import { accept } from './actions/accept';
import { addCategory } from './actions/addCategory';
import { dispatch } from './actions/dispatch';
import { duplicates } from './actions/duplicates';
import { get } from './actions/get';
import { listCategoriesAction } from './actions/listCategoriesAction';
import { locate } from './actions/locate';
import { meToo } from './actions/meToo';
import { mine } from './actions/mine';
import { places } from './actions/places';
import { queue } from './actions/queue';
import { rate } from './actions/rate';
import { recall } from './actions/recall';
import { reject } from './actions/reject';
import { residents } from './actions/residents';
import { resolve } from './actions/resolve';
import { resume } from './actions/resume';
import { reward } from './actions/reward';
import { start } from './actions/start';
import { stats } from './actions/stats';
import { submit } from './actions/submit';
import { suspend } from './actions/suspend';
import { sweep } from './actions/sweep';
import { workers } from './actions/workers';

export const reports = defineFunction('reports', {
  'categories.list': listCategoriesAction,
  'categories.add': addCategory,
  submit,
  places,
  locate,
  residents,
  duplicates,
  meToo,
  mine,
  get,
  queue,
  workers,
  dispatch,
  accept,
  start,
  suspend,
  resume,
  resolve,
  reject,
  recall,
  rate,
  reward,
  stats,
  'sla.sweep': sweep,
});
