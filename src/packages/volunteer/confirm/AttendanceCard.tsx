import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { newKey } from '../../../components/ui';
import { InOutTimes } from '../shared/parts';
import type { Correcting } from './CorrectDialog';
import { type Attendance, isReady, type Line } from './lines';
import type { ConfirmHoursState } from './useConfirmHours';

/** A confirmed line: what was confirmed, a dispute if one is open, and 更正时长. */
function Confirmed(props: { s: Attendance; onCorrect: (c: Correcting) => void }) {
  const { s } = props;
  return (
    <>
      <View className="muted">
        确认 {s.confirmedMinutes} 分钟，{s.points} 积分
        {s.corrections > 0 ? `（已更正 ${s.corrections} 次）` : ''}
      </View>
      {s.dispute?.status === 'open' && <View className="muted">志愿者已申诉，由社区工作者处理</View>}
      <View className="vt-actions" data-testid="attendance-correct">
        <Button
          fill="outline"
          onClick={() =>
            props.onCorrect({ userId: s.userId, name: s.name, from: s.confirmedMinutes ?? 0, key: newKey() })
          }
        >
          更正时长
        </Button>
      </View>
    </>
  );
}

/** An open line: the minutes (measured ones filled in), the warning, a reason when needed, 确认时长. */
function Pending(props: { line: Line; state: ConfirmHoursState; capMinutes: number; canType: boolean }) {
  const { line, state } = props;
  const { s, check } = line;
  return (
    <>
      <Field
        label={`确认时长（分钟，已按签到签退填入，最多 ${props.capMinutes}）`}
        testId="attendance-minutes"
        classPrefix="vt"
      >
        <Input
          className="vt-input"
          type="digit"
          disabled={!props.canType}
          value={state.edits[s.userId] ?? String(s.proposedMinutes)}
          onChange={(v) => state.edit(s.userId, v)}
        />
      </Field>
      {check.warning && (
        <View className="vt-alert" data-testid="attendance-warning">
          {check.warning}
        </View>
      )}
      {check.needsReason && (
        <View data-testid="attendance-reason">
          <Input
            className="vt-input"
            value={state.reasons[s.userId] ?? ''}
            maxLength={200}
            placeholder="原因（如：未带手机，组织者现场点名）"
            onChange={(v) => state.explain(s.userId, v)}
          />
        </View>
      )}
      {state.refusals[s.userId] && (
        <View className="vt-alert" data-testid="attendance-refused">
          未通过：{state.refusals[s.userId]}
        </View>
      )}
      <View className="vt-actions" data-testid="attendance-confirm">
        <Button type="primary" disabled={!isReady(line)} onClick={() => void state.confirmOne(line)}>
          确认时长
        </Button>
      </View>
    </>
  );
}

/** One volunteer on the roll. */
export function AttendanceCard(props: {
  s: Attendance;
  state: ConfirmHoursState;
  capMinutes: number;
  canType: boolean;
  onCorrect: (c: Correcting) => void;
}) {
  const { s, state } = props;
  const open = s.status === 'signed' && !s.confirmedAt;
  return (
    <View className="vt-card" data-testid="attendance-item" data-name={s.name}>
      <View className="vt-title">
        {s.name}
        <Tag type={s.confirmedAt ? 'success' : 'default'}>{s.confirmedAt ? '已确认' : s.statusLabel}</Tag>
      </View>
      <InOutTimes
        checkInAt={s.checkInAt}
        checkOutAt={s.checkOutAt}
        extra={s.measuredMinutes !== null ? ` · 实计 ${s.measuredMinutes} 分钟` : ''}
      />
      {s.confirmedAt && <Confirmed s={s} onCorrect={props.onCorrect} />}
      {open && s.isSelf && <View className="muted">本人的时长请由其他社区工作者确认</View>}
      {open && !s.isSelf && (
        <Pending line={state.lineOf(s)} state={state} capMinutes={props.capMinutes} canType={props.canType} />
      )}
    </View>
  );
}
