import { defineFunction } from '../_core/runtime/define';
import {
  activityCancelSignUp,
  activityCreate,
  activityGet,
  activityList,
  activitySignUp,
  signupsMine,
} from './actions/activities';
import {
  attendanceCheckIn,
  attendanceCheckOut,
  attendanceCode,
  attendanceConfirm,
  attendanceConfirmBatch,
  attendanceList,
} from './actions/attendance';
import { activityCancel } from './actions/cancel';
import { attendanceCorrect, disputeOpen, disputeQueue, disputeResolve } from './actions/corrections';
import { figures, ruleGet, ruleSave } from './actions/figures';
import { reminderSweep } from './actions/reminders';
import { serviceApprove } from './actions/serviceApprove';
import { serviceCancel } from './actions/serviceCancel';
import { serviceFulfil } from './actions/serviceFulfil';
import { serviceList } from './actions/serviceList';
import { serviceMine } from './actions/serviceMine';
import { serviceQueue } from './actions/serviceQueue';
import { serviceReject } from './actions/serviceReject';
import { serviceRequest } from './actions/serviceRequest';
import { serviceSave } from './actions/serviceSave';
import { certificate, volunteerMe, volunteerRegister, volunteerRoster, volunteerVerify } from './actions/volunteers';

export const timebank = defineFunction('timebank', {
  'volunteer.register': volunteerRegister,
  'volunteer.me': volunteerMe,
  'volunteer.roster': volunteerRoster,
  'volunteer.verify': volunteerVerify,
  certificate,
  'activity.create': activityCreate,
  'activity.list': activityList,
  'activity.get': activityGet,
  'activity.signUp': activitySignUp,
  'activity.cancelSignUp': activityCancelSignUp,
  'activity.cancel': activityCancel,
  'signups.mine': signupsMine,
  'attendance.code': attendanceCode,
  'attendance.checkIn': attendanceCheckIn,
  'attendance.checkOut': attendanceCheckOut,
  'attendance.list': attendanceList,
  'attendance.confirm': attendanceConfirm,
  'attendance.confirmBatch': attendanceConfirmBatch,
  'attendance.correct': attendanceCorrect,
  'dispute.open': disputeOpen,
  'dispute.queue': disputeQueue,
  'dispute.resolve': disputeResolve,
  'reminder.sweep': reminderSweep,
  'rule.get': ruleGet,
  'rule.save': ruleSave,
  figures,
  'service.list': serviceList,
  'service.save': serviceSave,
  'service.request': serviceRequest,
  'service.mine': serviceMine,
  'service.queue': serviceQueue,
  'service.approve': serviceApprove,
  'service.reject': serviceReject,
  'service.cancel': serviceCancel,
  'service.fulfil': serviceFulfil,
});
