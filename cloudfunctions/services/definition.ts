import { defineFunction } from '../_core/runtime/define';
import { apply, detail, mine, supply } from './actions/apply';
import { catalogue, itemSave } from './actions/catalogue';
import { figures, seals } from './actions/figures';
import { accept, approve, collect, queue, refuse, supplement } from './actions/handle';

/** 社区为民服务 and 印章使用 (issue 22): the window's catalogue, applications with 补正, pickup, the seal register. */
export const services = defineFunction('services', {
  catalogue,
  'item.save': itemSave,
  apply,
  mine,
  detail,
  supply,
  queue,
  accept,
  supplement,
  approve,
  refuse,
  collect,
  figures,
  seals,
});
