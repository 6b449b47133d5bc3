import { defineFunction } from '../_core/runtime/define';
import { addCategory, listCategoriesAction } from './actions/categories';
import { duplicates, get, mine, queue } from './actions/lists';
import { meToo } from './actions/meToo';
import { locate, places } from './actions/places';
import { residents } from './actions/residents';
import { reward } from './actions/reward';
import { stats } from './actions/stats';
import { submit } from './actions/submit';
import { sweep } from './actions/sweep';
import {
  accept,
  dispatch,
  rate,
  recall,
  reject,
  resolve,
  resume,
  start,
  suspend,
  workers,
} from './actions/transitions';

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
