import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { confirm } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call } from '../../../services/client';
import { Scorecard } from '../shared/Scorecard';
import { OnsiteInputs, type Preview, UnitCard, useEvaluation } from './parts';
import '../shared/safety.scss';

/** The scorecard as it stands, the on-site scoring, and 保存评定 behind a confirmation (final). */
function Evaluate({ p, unitId, onSaved }: { p: Preview; unitId: string; onSaved: () => Promise<void> }) {
  const ev = useEvaluation(p);
  const { busy, submit } = useSubmit(
    () => call('safety', 'evaluate', { unitId, manual: ev.payload }),
    (r) => {
      void Taro.showToast({ title: r.scorecard.passed ? '已授牌' : '已评定', icon: 'success' });
      void onSaved();
    },
  );
  const save = async () => {
    const outcome = ev.total >= p.passScore ? `将授予${p.year}年度称号` : '评定不通过';
    const ok = await confirm({
      title: '确认保存评定？',
      content: `合计 ${ev.total} 分，及格 ${p.passScore} 分：${outcome}，并通知申请人。保存后不能修改。`,
    });
    if (ok) await submit();
  };
  return (
    <>
      <View className="card">
        <Text className="card-title">评分表</Text>
        <Scorecard items={ev.items} total={ev.total} max={p.max} passScore={p.passScore} />
      </View>
      {p.evaluable ? (
        <View className="card">
          <Text className="card-title">实地查看评分</Text>
          <OnsiteInputs ev={ev} />
          <View data-testid="evaluate-save">
            <Button type="primary" block loading={busy} disabled={!ev.valid} onClick={() => void save()}>
              保存评定
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted note">
          {p.unit.status === 'awarded' ? '称号有效期内，年底到期后可复评。' : '该申请已评定。'}
        </Text>
      )}
    </>
  );
}

/**
 * The evaluate screen: the scorecard as the data stand (each point with its reason and evidence),
 * the on-site items scored by hand with a note, then a confirmation before it is saved.
 */
export default function EvaluateSafety() {
  const unitId = Taro.getCurrentInstance().router?.params.unitId ?? '';
  const preview = useRemote(() => call('safety', 'preview', { unitId }), [unitId]);
  return (
    <Page className="safety">
      <StateView remote={preview}>
        {(p) => (
          <>
            <UnitCard p={p} />
            <Evaluate p={p} unitId={unitId} onSaved={preview.reload} />
          </>
        )}
      </StateView>
    </Page>
  );
}
