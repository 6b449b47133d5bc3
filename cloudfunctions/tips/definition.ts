import { defineFunction } from '../_core/runtime/define';
import { approve, detail, grade, payout, queue, sendBack } from './actions/desk';
import { grantOfficer, officerList, officerRevoke } from './actions/officers';
import { photoAdd, photoTicket } from './actions/photos';
import { follow, mine, schemes, submit } from './actions/submit';

/** 举报奖励 (issue 22): confidential tips per scheme, graded and approved by two officers, rewards paid once. */
export const tips = defineFunction('tips', {
  schemes,
  submit,
  mine,
  follow,
  queue,
  detail,
  grade,
  approve,
  return: sendBack,
  payout,
  'officer.grant': grantOfficer,
  'officer.revoke': officerRevoke,
  'officer.list': officerList,
  'photo.ticket': photoTicket,
  'photo.add': photoAdd,
});
