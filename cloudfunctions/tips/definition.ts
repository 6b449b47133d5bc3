import { defineFunction } from '../_core/runtime/define';
import { approve } from './actions/approve';
import { detail } from './actions/detail';
import { follow } from './actions/follow';
import { grade } from './actions/grade';
import { grantOfficer } from './actions/grantOfficer';
import { mine } from './actions/mine';
import { officerList } from './actions/officerList';
import { officerRevoke } from './actions/officerRevoke';
import { payout } from './actions/payout';
import { photoPart } from './actions/photoPart';
import { photoSweep } from './actions/photoSweep';
import { photoTicket } from './actions/photoTicket';
import { queue } from './actions/queue';
import { schemes } from './actions/schemes';
import { sendBack } from './actions/sendBack';
import { submit } from './actions/submit';

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
  'photo.part': photoPart,
  'photo.sweep': photoSweep,
});
