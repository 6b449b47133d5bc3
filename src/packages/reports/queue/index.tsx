import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { type GroupKey, ReportList, useReportList } from '../shared';

const QUEUE_TABS = [
  { key: 'open', label: '未办结' },
  { key: 'waiting', label: '待受理' },
  { key: 'working', label: '办理中' },
  { key: 'resolved', label: '待评价' },
  { key: 'finished', label: '已结束' },
] as const;

/** Staff and grid workers: work by status, the most urgent (overdue) first. */
export default function Queue() {
  const [group, setGroup] = useState<GroupKey>('open');
  const [sweeping, setSweeping] = useState(false);
  // 工单编号 a resident reads out on the phone: found whatever its status.
  const [caseNo, setCaseNo] = useState<string>();
  const list = useReportList(
    (skip, limit) => call('reports', 'queue', { group, skip, limit, ...(caseNo ? { caseNo } : {}) }),
    [group, caseNo],
  );
  const me = useRemote(() => call('identity', 'me', {}));
  const isStaff = me.data?.roles.some((r) => r.role === 'staff' || r.role === 'admin') ?? false;
  const overdue = list.items.filter((r) => r.sla.overdue).length;
  const sweep = async () => {
    setSweeping(true);
    try {
      const result = await call('reports', 'sla.sweep', {});
      void Taro.showToast({ title: `已升级 ${result.escalated} 件超时事项`, icon: 'none' });
      await list.remote.reload();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setSweeping(false);
    }
  };
  return (
    <Page>
      <QueueFilters group={group} onGroup={setGroup} onCaseNo={setCaseNo} />
      {isStaff && (
        <View className="queue-sweep">
          <Button block fill="outline" loading={sweeping} onClick={() => void sweep()}>
            立即巡检超时事项
          </Button>
        </View>
      )}
      {overdue > 0 && (
        <View className="card">
          <Text className="sla-overdue">已加载的工单中有 {overdue} 件已超时，已排在最前</Text>
        </View>
      )}
      <StateView
        remote={list.remote}
        isEmpty={() => list.items.length === 0}
        emptyText={caseNo ? `没有找到工单编号 ${caseNo}` : '暂无工单'}
      >
        {() => <ReportList list={list} listKey={`${group}-${caseNo ?? ''}`} layoutKey={`${isStaff}-${overdue > 0}`} />}
      </StateView>
    </Page>
  );
}

/** The 工单编号 search and the status tabs. */
function QueueFilters(props: {
  group: GroupKey;
  onGroup: (g: GroupKey) => void;
  onCaseNo: (c: string | undefined) => void;
}) {
  const [typed, setTyped] = useState('');
  return (
    <>
      <View data-testid="queue-search">
        <SearchBar
          value={typed}
          placeholder="输入工单编号查找，如 XX-20261201-0042"
          onChange={(v) => {
            setTyped(v);
            if (!v.trim()) props.onCaseNo(undefined);
          }}
          onSearch={(v) => props.onCaseNo(v.trim().length >= 6 ? v.trim() : undefined)}
          onClear={() => props.onCaseNo(undefined)}
        />
      </View>
      <View className="tabs-row">
        {QUEUE_TABS.map((tab) => (
          <View
            key={tab.key}
            className={`tab-chip ${props.group === tab.key ? 'tab-chip-active' : ''}`}
            data-testid={`queue-tab-${tab.key}`}
            onClick={() => props.onGroup(tab.key)}
          >
            {tab.label}
          </View>
        ))}
      </View>
    </>
  );
}
