import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import '../shared/volunteer.scss';
import { AttendanceCard } from './AttendanceCard';
import { CorrectDialog, type Correcting } from './CorrectDialog';
import type { Roll } from './lines';
import { type ConfirmHoursState, useConfirmHours } from './useConfirmHours';

function rulesText(d: Roll): string {
  if (!d.canTypeMinutes) return '；组织者只能按签到签退记录确认，其他时长请社区工作者确认。';
  return d.ended ? '。' : '；活动结束前只能按签到签退记录确认。';
}

/** The rules of this roll and 全部确认 for every line that is ready. */
function Summary(props: { d: Roll; state: ConfirmHoursState }) {
  const { d, state } = props;
  return (
    <View className="vt-card" data-testid="confirm-summary">
      <View className="muted">
        活动时长上限 {d.capMinutes} 分钟；与签到签退记录相差超过 {d.toleranceMinutes} 分钟须填写原因
        {rulesText(d)}
      </View>
      {state.open.length > 0 && (
        <View className="vt-actions" data-testid="confirm-all">
          <Button type="primary" disabled={state.ready.length === 0} onClick={() => void state.confirmAll()}>
            全部确认（{state.ready.length}/{state.open.length} 人）
          </Button>
        </View>
      )}
    </View>
  );
}

/** The organiser's (or staff's) roll of an activity: confirm minutes line by line or all at once. */
export default function ConfirmHours() {
  const id = useRouter().params.id ?? '';
  const state = useConfirmHours(id);
  const { list } = state;
  const [correcting, setCorrecting] = useState<Correcting>();
  return (
    <Page>
      <StateView remote={list.remote} isEmpty={(d) => d.items.length === 0} emptyText="还没有人报名">
        {(d) => (
          <>
            <Summary d={d} state={state} />
            {d.items.map((s) => (
              <AttendanceCard
                key={s.userId}
                s={s}
                state={state}
                capMinutes={d.capMinutes}
                canType={d.canTypeMinutes}
                onCorrect={setCorrecting}
              />
            ))}
            {d.hasMore && (
              <View className="load-more">
                <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                  加载更多
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
      <CorrectDialog
        activityId={id}
        correcting={correcting}
        onClose={() => setCorrecting(undefined)}
        onDone={list.reload}
      />
    </Page>
  );
}
