import { Button, Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { stopPullDownRefresh, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { pickupProblem } from '../../../../cloudfunctions/_core/domain/greencoin';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Field } from '../../../components/Field';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/greencoin.scss';

type Draft = { place: string; hours: string; days: string };
type Limits = ActionOutput<'greencoin', 'pickup.get'>['limits'];

/** The form's three rows; the limits come with the answer, so the form and the rule agree. */
const pickupFields = (limits: Limits) =>
  [
    {
      field: 'place',
      testId: 'pickup-place',
      label: '领取地点',
      maxLength: limits.placeMax,
      placeholder: '如：社区党群服务中心一楼爱心超市',
      type: 'text',
    },
    {
      field: 'hours',
      testId: 'pickup-hours',
      label: '开放时间',
      maxLength: limits.hoursMax,
      placeholder: '如：周一至周六 9:00–12:00、14:30–17:30',
      type: 'text',
    },
    {
      field: 'days',
      testId: 'pickup-days',
      label: `领取期限（审核通过后 ${limits.daysMin}–${limits.daysMax} 天）`,
      maxLength: 2,
      placeholder: '天数',
      type: 'digit',
    },
  ] as const;

/** The function's own rule (a pure domain function), so the form and the refusal say the same. */
const problem = (d: Draft): string | null =>
  pickupProblem({
    place: d.place.trim(),
    hours: d.hours.trim(),
    days: d.days.trim() === '' ? Number.NaN : Number(d.days),
  });

/**
 * 领取设置 (staff): where and when residents collect approved redemptions and how many days they
 * have. Residents see place and hours under their pickup QR at once; the days apply to approvals
 * from now on (each approved redemption keeps the deadline it was given).
 */
export default function PickupSettings() {
  const remote = useRemote(() => call('greencoin', 'pickup.get', {}));
  const [draft, setDraft] = useState<Draft>();
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => {
    void remote.reload().finally(() => stopPullDownRefresh());
  });
  useEffect(() => {
    if (remote.data) {
      setDraft({ place: remote.data.place, hours: remote.data.hours, days: String(remote.data.days) });
    }
  }, [remote.data]);
  const save = async () => {
    if (!draft) return;
    const wrong = problem(draft);
    if (wrong) {
      await act(() => Promise.reject(new Error(wrong)), '');
      return;
    }
    setBusy(true);
    const ok = await act(
      () =>
        call('greencoin', 'pickup.save', {
          place: draft.place.trim(),
          hours: draft.hours.trim(),
          days: Number(draft.days),
        }),
      '领取设置已保存',
    );
    setBusy(false);
    if (ok) await remote.reload();
  };
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d));
  return (
    <Page>
      <StateView remote={remote}>
        {(s) => (
          <View className="card" data-testid="pickup-settings">
            <View className="card-title">爱心超市领取设置</View>
            <View className="muted">
              居民兑换通过后，在领取二维码下方看到这里的地点和时间{s.custom ? '' : '（当前为默认值）'}。
            </View>
            {pickupFields(s.limits).map((f) => (
              <Field key={f.field} classPrefix="gc" label={f.label} testId={f.testId}>
                <Input
                  className="gc-input"
                  type={f.type}
                  value={draft?.[f.field] ?? ''}
                  maxLength={f.maxLength}
                  placeholder={f.placeholder}
                  onChange={set(f.field)}
                />
              </Field>
            ))}
            <View className="muted">
              逾期未领取的兑换自动取消，绿币退回居民、商品回库；已通过的兑换保留原来的期限。
            </View>
            {draft && problem(draft) && (
              <View className="muted gc-warn" data-testid="pickup-problem">
                {problem(draft)}
              </View>
            )}
            <View className="gc-actions" data-testid="pickup-save">
              <Button type="primary" block loading={busy} onClick={() => void save()}>
                保存
              </Button>
            </View>
          </View>
        )}
      </StateView>
    </Page>
  );
}
