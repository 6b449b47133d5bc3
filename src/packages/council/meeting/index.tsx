import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { type Principal, ProxyPicker } from '../../../components/ProxyPicker';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Attendance } from '../shared/Attendance';
import { act } from '../shared/act';
import { OpinionLink } from '../shared/OpinionLink';
import { JoinCard, ManageCard, MeetingAgenda, MeetingHeader, MeetingMinutes, RegisterFor, type Run } from './sections';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { useCouncilRoles } from '../shared/roles';

/** A meeting: the shell loads it and composes the sections each role sees (./sections.tsx). */
export default function MeetingDetail() {
  const id = useRouter().params.id ?? '';
  const meeting = useRemote(() => call('deliberation', 'meeting.get', { meetingId: id }), [id]);
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  // 代办: register a resident who authorised this person (their registration, their check-in).
  const [forWhom, setForWhom] = useState<Principal>();
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void meeting.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void meeting.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const run: Run = async (task, done) => {
    setBusy(true);
    if (await act(task, done)) await meeting.reload();
    setBusy(false);
  };
  const { isResident, isSage } = useCouncilRoles();

  return (
    <Page>
      <StateView remote={meeting}>
        {(m) => (
          <>
            <MeetingHeader m={m} />
            <MeetingAgenda m={m} />
            <MeetingMinutes m={m} />
            {isResident && m.status === 'published' && (
              <JoinCard m={m} busy={busy} run={run} code={code} setCode={setCode} />
            )}
            {m.status === 'published' && (
              <ProxyPicker scope="meetings" value={forWhom} onChange={setForWhom} verb="报名" testId="meeting-for" />
            )}
            {m.status === 'published' && forWhom && <RegisterFor m={m} busy={busy} run={run} forWhom={forWhom} />}
            {m.canManage && <ManageCard m={m} run={run} reason={reason} setReason={setReason} />}
            {m.canManage && m.status !== 'draft' && <Attendance meetingId={m.id} />}
            {isSage && <OpinionLink kind="meeting" id={m.id} title={m.title} testId="file-opinion" />}
          </>
        )}
      </StateView>
    </Page>
  );
}
