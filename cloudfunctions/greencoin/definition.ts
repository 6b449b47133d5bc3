import { defineFunction } from '../_core/runtime/define';
import {
  award,
  awardApprove,
  awardPending,
  awardReject,
  awardReverse,
  peopleSearch,
  rubricList,
  rubricSave,
} from './actions/awards';
import { goodsList, goodsRestock, goodsSave, stockReconcile } from './actions/goods';
import { pickupGet, pickupSave } from './actions/pickup';
import { ledgerPublic, ledgerReconcile } from './actions/public';
import { redeemApprove } from './actions/redeemApprove';
import { redeemCancel } from './actions/redeemCancel';
import { redeemExpire } from './actions/redeemExpire';
import { redeemMine } from './actions/redeemMine';
import { redeemPickup } from './actions/redeemPickup';
import { redeemQueue } from './actions/redeemQueue';
import { redeemRefund } from './actions/redeemRefund';
import { redeemReject } from './actions/redeemReject';
import { redeemRequest } from './actions/redeemRequest';
import { balance, history } from './actions/wallet';

export const greencoin = defineFunction('greencoin', {
  balance,
  history,
  'rubric.list': rubricList,
  'rubric.save': rubricSave,
  'people.search': peopleSearch,
  award,
  'award.pending': awardPending,
  'award.approve': awardApprove,
  'award.reject': awardReject,
  'award.reverse': awardReverse,
  'goods.list': goodsList,
  'goods.save': goodsSave,
  'goods.restock': goodsRestock,
  'stock.reconcile': stockReconcile,
  'redeem.request': redeemRequest,
  'redeem.mine': redeemMine,
  'redeem.queue': redeemQueue,
  'redeem.approve': redeemApprove,
  'redeem.reject': redeemReject,
  'redeem.cancel': redeemCancel,
  'redeem.pickup': redeemPickup,
  'redeem.refund': redeemRefund,
  'redeem.expire': redeemExpire,
  'pickup.get': pickupGet,
  'pickup.save': pickupSave,
  'ledger.public': ledgerPublic,
  'ledger.reconcile': ledgerReconcile,
});
