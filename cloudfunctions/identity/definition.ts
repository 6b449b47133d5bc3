import { defineFunction } from '../_core/runtime/define';
import { acceptPrivacy } from './actions/acceptPrivacy';
import { deleteMyAccount } from './actions/deleteMyAccount';
import { exportMyData } from './actions/exportMyData';
import { joinCommunity } from './actions/joinCommunity';
import { listCommunities } from './actions/listCommunities';
import { me } from './actions/me';
import { moveApprove } from './actions/moveApprove';
import { moveQueue } from './actions/moveQueue';
import { moveReject } from './actions/moveReject';
import { proxyGrant } from './actions/proxyGrant';
import { proxyList } from './actions/proxyList';
import { proxyLog } from './actions/proxyLog';
import { proxyRevoke } from './actions/proxyRevoke';
import { updateProfile } from './actions/updateProfile';

export const identity = defineFunction('identity', {
  me,
  updateProfile,
  acceptPrivacy,
  listCommunities,
  joinCommunity,
  exportMyData,
  deleteMyAccount,
  'proxy.grant': proxyGrant,
  'proxy.revoke': proxyRevoke,
  'proxy.list': proxyList,
  'proxy.log': proxyLog,
  'move.queue': moveQueue,
  'move.approve': moveApprove,
  'move.reject': moveReject,
});
