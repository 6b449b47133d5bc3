import { Button, Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { confirmAct } from '../../../components/confirmAct';
import { OpenQueue } from '../../../components/OpenQueue';
import { Page } from '../../../components/Page';
import { formatDay, formatTime, go, WhyDisabled } from '../../../components/ui';
import { useOpenQueue } from '../../../hooks/useOpenQueue';
import { call } from '../../../services/client';
import { Handle } from './Handle';
import '../shared/services.scss';

const FILTERS = [
  { id: 'open', label: '待办' },
  { id: 'supplement', label: '待补正' },
  { id: 'approved', label: '待领取' },
  { id: 'collected', label: '已领取' },
  { id: 'refused', label: '不予办理' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];

const load = (filter: Filter, skip: number) =>
  call('services', 'queue', { skip, limit: 20, ...(filter === 'open' ? {} : { status: filter }) });

/** 凭领取码交付: the applicant shows the six-digit code, the clerk checks who they are and hands it over. */
function Collect({ onCollected }: { onCollected: () => void }) {
  const [code, setCode] = useState('');
  const collect = async () => {
    const ok = await confirmAct(
      { title: '确认已领取？', content: `领取码 ${code}：请核对申请人身份后交付办理结果。` },
      () => call('services', 'collect', { pickupCode: code }),
      '已确认领取',
    );
    if (!ok) return;
    setCode('');
    onCollected();
  };
  return (
    <View className="card">
      <View className="card-title">凭领取码交付</View>
      <View className="field" data-testid="window-code">
        <Input className="input" type="number" value={code} maxLength={6} placeholder="6 位领取码" onChange={setCode} />
      </View>
      <View data-testid="window-collect">
        <Button type="primary" block disabled={!/^\d{6}$/.test(code)} onClick={() => void collect()}>
          确认领取
        </Button>
        <WhyDisabled reason={/^\d{6}$/.test(code) ? '' : '请输入申请人出示的 6 位领取码'} />
      </View>
    </View>
  );
}

/** The window's workbench: collect by code, the queue by status, each application handled in place. */
export default function ServiceWindow() {
  const queue = useOpenQueue<Filter, Awaited<ReturnType<typeof load>>>('open', load);
  const reload = () => void queue.list.reload();
  return (
    <Page className="services">
      <Collect onCollected={reload} />
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => go('/packages/services/seals/index')}>
          用印登记与统计
        </Button>
      </View>
      <OpenQueue
        queue={queue}
        filters={FILTERS}
        prefix="window"
        rowTestId="window-application"
        emptyText="暂无申请"
        title={(a) => `${a.itemName} · ${a.applicant?.nickname ?? ''}`}
        badge={(a) => a.statusLabel}
        meta={(a) => `申请于 ${formatTime(a.submittedAt)}${a.dueAt ? ` · 承诺 ${formatDay(a.dueAt)} 前办结` : ''}`}
        openLabel="办理 ›"
        body={(a) => <Handle applicationId={a.id} onChanged={reload} />}
      />
    </Page>
  );
}
