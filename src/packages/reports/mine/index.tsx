import { View } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { VirtualPagedList } from '../../../components/VirtualPagedList';
import { call } from '../../../services/client';
import {
  GROUP_TABS,
  type GroupKey,
  REPORT_ROW_HEIGHT,
  REPORT_ROW_HEIGHT_CARE,
  ReportCard,
  useReportList,
} from '../shared';

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
        {() => (
          <VirtualPagedList
            // A new tab is a new list: start again from its top.
            key={group}
            testId="report-list"
            items={list.items}
            itemHeight={REPORT_ROW_HEIGHT}
            careItemHeight={REPORT_ROW_HEIGHT_CARE}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            onLoadMore={() => void list.loadMore()}
            renderItem={(report) => (
              <View className="report-row">
                <ReportCard report={report} now={list.now()} />
              </View>
            )}
          />
        )}
      </StateView>
    </Page>
  );
}
