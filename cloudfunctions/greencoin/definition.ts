import { defineFunction } from '../_core/runtime/define';
import { award } from './actions/award';
import { awardApprove } from './actions/awardApprove';
import { awardPending } from './actions/awardPending';
import { awardReject } from './actions/awardReject';
import { awardReverse } from './actions/awardReverse';
import { balance } from './actions/balance';
import { goodsList } from './actions/goodsList';
import { goodsRestock } from './actions/goodsRestock';
import { goodsSave } from './actions/goodsSave';
import { history } from './actions/history';
import { ledgerPublic } from './actions/ledgerPublic';
import { ledgerReconcile } from './actions/ledgerReconcile';
import { peopleSearch } from './actions/peopleSearch';
import { pickupGet } from './actions/pickupGet';
import { pickupSave } from './actions/pickupSave';
import { redeemApprove } from './actions/redeemApprove';
import { redeemCancel } from './actions/redeemCancel';
import { redeemExpire } from './actions/redeemExpire';
import { redeemMine } from './actions/redeemMine';
import { redeemPickup } from './actions/redeemPickup';
import { redeemQueue } from './actions/redeemQueue';
import { redeemRefund } from './actions/redeemRefund';
import { redeemReject } from './actions/redeemReject';
import { redeemRequest } from './actions/redeemRequest';
import { rubricList } from './actions/rubricList';
import { rubricSave } from './actions/rubricSave';
import { stockReconcile } from './actions/stockReconcile';

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
