import { defineFunction } from '../_core/runtime/define';
import { acceptPrivacy } from './actions/acceptPrivacy';
import { deleteMyAccount } from './actions/deleteMyAccount';
import { exportMyData } from './actions/exportMyData';
import { joinCommunity } from './actions/joinCommunity';
import { listCommunities } from './actions/listCommunities';
import { me } from './actions/me';
import { moveApprove, moveQueue, moveReject } from './actions/move';
import { proxyGrant, proxyList, proxyLog, proxyRevoke } from './actions/proxy';
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
