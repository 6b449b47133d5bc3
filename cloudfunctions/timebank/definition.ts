import { defineFunction } from '../_core/runtime/define';
import { activityCancelSignUp } from './actions/activityCancelSignUp';
import { activityCreate } from './actions/activityCreate';
import { activityGet } from './actions/activityGet';
import { activityList } from './actions/activityList';
import { activitySignUp } from './actions/activitySignUp';
import { attendanceCheckIn } from './actions/attendanceCheckIn';
import { attendanceCheckOut } from './actions/attendanceCheckOut';
import { attendanceCode } from './actions/attendanceCode';
import { attendanceConfirm } from './actions/attendanceConfirm';
import { attendanceConfirmBatch } from './actions/attendanceConfirmBatch';
import { attendanceCorrect } from './actions/attendanceCorrect';
import { attendanceList } from './actions/attendanceList';
import { activityCancel } from './actions/cancel';
import { certificate } from './actions/certificate';
import { disputeOpen } from './actions/disputeOpen';
import { disputeQueue } from './actions/disputeQueue';
import { disputeResolve } from './actions/disputeResolve';
import { figures } from './actions/figures';
import { reminderSweep } from './actions/reminders';
import { ruleGet } from './actions/ruleGet';
import { ruleSave } from './actions/ruleSave';
import { serviceApprove } from './actions/serviceApprove';
import { serviceCancel } from './actions/serviceCancel';
import { serviceFulfil } from './actions/serviceFulfil';
import { serviceList } from './actions/serviceList';
import { serviceMine } from './actions/serviceMine';
import { serviceQueue } from './actions/serviceQueue';
import { serviceReject } from './actions/serviceReject';
import { serviceRequest } from './actions/serviceRequest';
import { serviceSave } from './actions/serviceSave';
import { signupsMine } from './actions/signupsMine';
import { volunteerMe } from './actions/volunteerMe';
import { volunteerRegister } from './actions/volunteerRegister';
import { volunteerRoster } from './actions/volunteerRoster';
import { volunteerVerify } from './actions/volunteerVerify';

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
