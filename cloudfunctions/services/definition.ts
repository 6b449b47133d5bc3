import { defineFunction } from '../_core/runtime/define';
import { accept } from './actions/accept';
import { apply } from './actions/apply';
import { approve } from './actions/approve';
import { catalogue } from './actions/catalogue';
import { collect } from './actions/collect';
import { detail } from './actions/detail';
import { figures } from './actions/figures';
import { itemSave } from './actions/itemSave';
import { mine } from './actions/mine';
import { queue } from './actions/queue';
import { refuse } from './actions/refuse';
import { seals } from './actions/seals';
import { supplement } from './actions/supplement';
import { supply } from './actions/supply';

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
