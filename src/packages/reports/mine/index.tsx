import { View } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { call } from '../../../services/client';
import { GROUP_TABS, type GroupKey, ReportList, useReportList } from '../shared';

/** 我的上报: filter by status, newest first, page by page. */
export default function MyReports() {
  const [group, setGroup] = useState<GroupKey>('all');
  const list = useReportList((skip, limit) => call('reports', 'mine', { group, skip, limit }), [group]);
  return (
    <Page>
      <View className="tabs-row">
        {GROUP_TABS.map((tab) => (
          <View
            key={tab.key}
            className={`tab-chip ${group === tab.key ? 'tab-chip-active' : ''}`}
            data-testid={`mine-tab-${tab.key}`}
            onClick={() => setGroup(tab.key)}
          >
            {tab.label}
          </View>
        ))}
      </View>
      <StateView remote={list.remote} isEmpty={() => list.items.length === 0} emptyText="还没有上报过事项">
        {() => <ReportList list={list} listKey={group} />}
      </StateView>
    </Page>
  );
}
