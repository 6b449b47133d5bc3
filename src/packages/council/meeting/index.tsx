import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AUDIENCE_LABELS, MEETING_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { type Principal, ProxyPicker } from '../../../components/ProxyPicker';
import { StateView } from '../../../components/StateView';
import { useProfile } from '../../../hooks/useProfile';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Attendance } from '../shared/Attendance';
import { act, confirmThen } from '../shared/act';
import { formatDateTime, formatSpan } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';

export default function MeetingDetail() {
  const id = useRouter().params.id ?? '';
  const meeting = useRemote(() => call('deliberation', 'meeting.get', { meetingId: id }), [id]);
  const profile = useProfile();
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
  const run = async (task: () => Promise<unknown>, done: string) => {
    setBusy(true);
    if (await act(task, done)) await meeting.reload();
    setBusy(false);
  };
  const isResident = profile.data?.roles.some((r) => r.role === 'resident') ?? false;
  const isSage = profile.data?.roles.some((r) => r.role === 'sage') ?? false;

  return (
    <Page>
      <StateView remote={meeting}>
        {(m) => (
          <>
            <View className="card" data-testid="meeting-header">
              <View className="card-title">{m.title}</View>
              <View className="council-tags">
                <Tag type="primary">{m.format}</Tag>
                <View data-testid="meeting-status">
                  <Tag plain>{MEETING_STATUS_LABELS[m.status]}</Tag>
                </View>
                <Tag plain>{AUDIENCE_LABELS[m.audience]}</Tag>
              </View>
              <View className="council-line">时间：{formatSpan(m.startsAt, m.endsAt)}</View>
              <View className="council-line">地点：{m.place}</View>
              <View className="council-line">
                报名：{m.registeredCount}
                {m.registrationLimit !== null ? ` / ${m.registrationLimit} 人` : ' 人（不限名额）'}，签到{' '}
                {m.checkedInCount} 人
              </View>
              {m.description && <View className="council-body">{m.description}</View>}
              {m.cancelReason && <View className="council-line">取消原因：{m.cancelReason}</View>}
            </View>

            <View className="card">
              <View className="card-title">议程</View>
              {m.agenda.map((a, i) => (
                <View key={a.id} className="council-line">
                  {i + 1}. {a.title}
                </View>
              ))}
            </View>

            {m.minutes && (
              <View className="card" data-testid="meeting-minutes">
                <View className="card-title">会议纪要</View>
                <View className="council-line" data-testid="minutes-attendees">
                  实到 {m.minutes.attendeeCount} 人（扫码签到 {m.minutes.checkedInCount} 人）
                </View>
                {m.minutes.summary && <View className="council-body">{m.minutes.summary}</View>}
                {m.minutes.outcomes.map((o) => (
                  <View key={o.agendaItemId} className="council-outcome" data-testid="meeting-outcome">
                    <View className="council-line">
                      <Text>{m.agenda.find((a) => a.id === o.agendaItemId)?.title}</Text>
                    </View>
                    <View className="council-tags">
                      <Tag type="success">{o.category}</Tag>
                    </View>
                    <View className="council-body">{o.decision}</View>
                    {o.linkedTopicIds.length + o.linkedReportIds.length > 0 && (
                      <View className="muted">
                        关联议题 {o.linkedTopicIds.length} 个，关联随手拍 {o.linkedReportIds.length} 件
                      </View>
                    )}
                  </View>
                ))}
                <View className="muted">
                  {m.minutes.recordedByName} 记录于 {formatDateTime(m.minutes.recordedAt)}
                </View>
              </View>
            )}

            {isResident && m.status === 'published' && (
              <View className="card" data-testid="meeting-join">
                <View className="card-title">报名与签到</View>
                {m.myRegistration?.checkedInAt ? (
                  <View className="council-line" data-testid="checked-in">
                    已签到（{formatDateTime(m.myRegistration.checkedInAt)}）
                  </View>
                ) : (
                  <>
                    {m.myRegistration ? (
                      <View className="council-line" data-testid="registered">
                        已报名，请在会议现场输入签到码签到
                      </View>
                    ) : (
                      <View className="council-actions" data-testid="register">
                        <Button
                          type="primary"
                          block
                          loading={busy}
                          onClick={() =>
                            void run(() => call('deliberation', 'meeting.register', { meetingId: m.id }), '报名成功')
                          }
                        >
                          我要报名
                        </Button>
                      </View>
                    )}
                    <View className="council-field" data-testid="checkin-code">
                      <View className="council-label">现场签到码（6 位数字）</View>
                      <Input
                        className="council-input"
                        type="digit"
                        maxLength={6}
                        value={code}
                        placeholder="请输入工作人员出示的签到码"
                        onChange={(v) => setCode(v)}
                      />
                    </View>
                    <View className="council-actions" data-testid="checkin">
                      <Button
                        block
                        type="primary"
                        fill="outline"
                        loading={busy}
                        disabled={!/^\d{6}$/.test(code)}
                        onClick={() =>
                          void run(() => call('deliberation', 'meeting.checkIn', { meetingId: m.id, code }), '签到成功')
                        }
                      >
                        签到
                      </Button>
                    </View>
                  </>
                )}
              </View>
            )}

            {m.status === 'published' && (
              <ProxyPicker scope="meetings" value={forWhom} onChange={setForWhom} verb="报名" testId="meeting-for" />
            )}
            {m.status === 'published' && forWhom && (
              <View className="card council-actions" data-testid="register-for">
                <Button
                  type="primary"
                  block
                  loading={busy}
                  onClick={() =>
                    void run(
                      () =>
                        call('deliberation', 'meeting.register', { meetingId: m.id, onBehalfOfUserId: forWhom.userId }),
                      `已为${forWhom.name}报名`,
                    )
                  }
                >
                  为{forWhom.name}报名
                </Button>
                <View className="muted">请提醒对方按时到场，在现场输入签到码签到。</View>
              </View>
            )}

            {m.canManage && (
              <View className="card" data-testid="meeting-manage">
                <View className="card-title">会议管理</View>
                {m.checkInCode && (
                  <>
                    <View className="muted">现场签到码（会议结束前有效）</View>
                    <View className="council-code" data-testid="checkin-code-shown">
                      {m.checkInCode}
                    </View>
                  </>
                )}
                <View className="council-actions">
                  {m.status === 'draft' && (
                    <View data-testid="publish">
                      <Button
                        type="primary"
                        block
                        onClick={() =>
                          confirmThen('meeting', '发布会议', '发布后居民即可看到公告并报名，确定发布吗？', () =>
                            run(() => call('deliberation', 'meeting.publish', { meetingId: m.id }), '已发布'),
                          )
                        }
                      >
                        发布公告
                      </Button>
                    </View>
                  )}
                  {m.status === 'published' && (
                    <View data-testid="record-minutes">
                      <Button
                        type="primary"
                        block
                        onClick={() => void Taro.navigateTo({ url: `/packages/council/minutes/index?id=${m.id}` })}
                      >
                        记录纪要和议定结果
                      </Button>
                    </View>
                  )}
                  {(m.status === 'draft' || m.status === 'published') && (
                    <View data-testid="cancel">
                      <Input
                        className="council-input"
                        value={reason}
                        maxLength={200}
                        placeholder="取消原因（将通知已报名的居民）"
                        onChange={(v) => setReason(v)}
                      />
                      <Button
                        block
                        type="danger"
                        fill="outline"
                        disabled={reason.trim().length < 2}
                        onClick={() =>
                          confirmThen(
                            'meeting',
                            '取消会议',
                            '取消后已报名的居民会收到通知，且不能恢复。确定取消吗？',
                            () =>
                              run(
                                () =>
                                  call('deliberation', 'meeting.cancel', { meetingId: m.id, reason: reason.trim() }),
                                '已取消',
                              ),
                          )
                        }
                      >
                        取消会议
                      </Button>
                    </View>
                  )}
                </View>
              </View>
            )}

            {m.canManage && m.status !== 'draft' && <Attendance meetingId={m.id} />}

            {isSage && (
              <View className="council-actions" data-testid="file-opinion">
                <Button
                  block
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/packages/council/opinions/index?kind=meeting&id=${m.id}&title=${encodeURIComponent(m.title)}`,
                    })
                  }
                >
                  提出监督意见
                </Button>
              </View>
            )}
            <Dialog id="meeting" />
          </>
        )}
      </StateView>
    </Page>
  );
}
