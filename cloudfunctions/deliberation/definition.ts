import { defineFunction } from '../_core/runtime/define';
import { answerOpinion } from './actions/answerOpinion';
import { answerTopic } from './actions/answerTopic';
import { attendance } from './actions/attendance';
import { cancelMeeting } from './actions/cancelMeeting';
import { checkIn } from './actions/checkIn';
import { createMeeting } from './actions/createMeeting';
import { figures } from './actions/figures';
import { fileOpinion } from './actions/fileOpinion';
import { getDisclosure } from './actions/getDisclosure';
import { getMeeting } from './actions/getMeeting';
import { getProcedure } from './actions/getProcedure';
import { listDisclosures } from './actions/listDisclosures';
import { listMeetings } from './actions/listMeetings';
import { listNotices } from './actions/listNotices';
import { listOpinions } from './actions/listOpinions';
import { listProcedures } from './actions/listProcedures';
import { listTopics } from './actions/listTopics';
import { opinionStats } from './actions/opinionStats';
import { proposeTopic } from './actions/proposeTopic';
import { publishDisclosure } from './actions/publishDisclosure';
import { publishMeeting } from './actions/publishMeeting';
import { recordMinutes } from './actions/recordMinutes';
import { recordStep } from './actions/recordStep';
import { register } from './actions/register';
import { startProcedure } from './actions/startProcedure';
import { supportTopic } from './actions/supportTopic';

/** 议事会, 议题, 四议两公开, 公开栏 and 乡贤 oversight of one community. */
export const deliberation = defineFunction('deliberation', {
  'notices.list': listNotices,
  'meeting.list': listMeetings,
  'meeting.get': getMeeting,
  'meeting.create': createMeeting,
  'meeting.publish': publishMeeting,
  'meeting.cancel': cancelMeeting,
  'meeting.register': register,
  'meeting.checkIn': checkIn,
  'meeting.attendance': attendance,
  'meeting.recordMinutes': recordMinutes,
  'topic.propose': proposeTopic,
  'topic.support': supportTopic,
  'topic.list': listTopics,
  'topic.answer': answerTopic,
  'procedure.start': startProcedure,
  'procedure.record': recordStep,
  'procedure.list': listProcedures,
  'procedure.get': getProcedure,
  'disclosure.publish': publishDisclosure,
  'disclosure.list': listDisclosures,
  'disclosure.get': getDisclosure,
  'opinion.file': fileOpinion,
  'opinion.list': listOpinions,
  'opinion.answer': answerOpinion,
  'opinion.stats': opinionStats,
  figures,
});
