/**
 * The sections of a meeting's page (the page composes them): what everyone reads (header, agenda,
 * minutes), what a resident does (register, check in, register for someone by 代办), what staff do
 * (publish, minutes, cancel). State stays in the page, so a reload between steps keeps what was typed.
 */
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AUDIENCE_LABELS, MEETING_STATUS_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import type { Principal } from '../../../components/ProxyPicker';
import { Speaker } from '../../../components/Speaker';
import { call } from '../../../services/client';
import { confirmThen } from '../shared/act';
import { formatDateTime, formatSpan } from '../shared/format';

export type Meeting = ActionOutput<'deliberation', 'meeting.get'>;
/** Runs a call with the page's busy flag, toasts `done` and reloads the meeting on success. */
export type Run = (task: () => Promise<unknown>, done: string) => Promise<void>;

export function MeetingHeader({ m }: { m: Meeting }) {
  return (
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
        {m.registrationLimit !== null ? ` / ${m.registrationLimit} 人` : ' 人（不限名额）'}，签到 {m.checkedInCount} 人
      </View>
      {m.description && <View className="council-body">{m.description}</View>}
      {m.cancelReason && <View className="council-line">取消原因：{m.cancelReason}</View>}
    </View>
  );
}

export function MeetingAgenda({ m }: { m: Meeting }) {
  return (
    <View className="card">
      <View className="card-title">议程</View>
      {m.agenda.map((a, i) => (
        <View key={a.id} className="council-line">
          {i + 1}. {a.title}
        </View>
      ))}
    </View>
  );
}

export function MeetingMinutes({ m }: { m: Meeting }) {
  const minutes = m.minutes;
  if (!minutes) return null;
  return (
    <View className="card" data-testid="meeting-minutes">
      <View className="card-title">会议纪要</View>
      <View className="council-line" data-testid="minutes-attendees">
        实到 {minutes.attendeeCount} 人（扫码签到 {minutes.checkedInCount} 人）
      </View>
      {minutes.summary && <View className="council-body">{minutes.summary}</View>}
      {minutes.outcomes.map((o) => (
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
        <Speaker name={minutes.recordedByName} role={minutes.recordedByRole} /> 记录于{' '}
        {formatDateTime(minutes.recordedAt)}
      </View>
    </View>
  );
}

/** A resident's own registration and check-in with the code shown at the meeting. */
export function JoinCard(props: { m: Meeting; busy: boolean; run: Run; code: string; setCode: (v: string) => void }) {
  const { m, busy, run, code } = props;
  return (
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
              onChange={(v) => props.setCode(v)}
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
  );
}

/** 代办: register the resident who authorised this person (their registration, their check-in). */
export function RegisterFor(props: { m: Meeting; busy: boolean; run: Run; forWhom: Principal }) {
  const { m, busy, run, forWhom } = props;
  return (
    <View className="card council-actions" data-testid="register-for">
      <Button
        type="primary"
        block
        loading={busy}
        onClick={() =>
          void run(
            () => call('deliberation', 'meeting.register', { meetingId: m.id, onBehalfOfUserId: forWhom.userId }),
            `已为${forWhom.name}报名`,
          )
        }
      >
        为{forWhom.name}报名
      </Button>
      <View className="muted">请提醒对方按时到场，在现场输入签到码签到。</View>
    </View>
  );
}

/** Staff: the check-in code, publish, go to the minutes, cancel with a reason (confirmed first). */
export function ManageCard(props: { m: Meeting; run: Run; reason: string; setReason: (v: string) => void }) {
  const { m, run, reason } = props;
  return (
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
                confirmThen({ title: '发布会议', content: '发布后居民即可看到公告并报名，确定发布吗？' }, () =>
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
              onChange={(v) => props.setReason(v)}
            />
            <Button
              block
              type="danger"
              fill="outline"
              disabled={reason.trim().length < 2}
              onClick={() =>
                confirmThen(
                  { title: '取消会议', content: '取消后已报名的居民会收到通知，且不能恢复。确定取消吗？' },
                  () =>
                    run(
                      () => call('deliberation', 'meeting.cancel', { meetingId: m.id, reason: reason.trim() }),
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
  );
}
