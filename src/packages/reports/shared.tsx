import { Image, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { VirtualPagedList } from '../../components/VirtualPagedList';
import { useCare } from '../../hooks/useCare';
import { PAGE_SIZE, usePaged } from '../../hooks/usePaged';
import './shared.scss';
import { formatTime } from '../../components/ui';

export { formatTime };

export type ReportSummary = ActionOutput<'reports', 'mine'>['items'][number];
export type SlaInfo = ReportSummary['sla'];

export const DETAIL_PAGE = '/packages/reports/detail/index';

export const GROUP_TABS = [
  { key: 'all', label: '全部' },
  { key: 'waiting', label: '待受理' },
  { key: 'working', label: '办理中' },
  { key: 'resolved', label: '待评价' },
  { key: 'finished', label: '已结束' },
] as const;
export type GroupKey = (typeof GROUP_TABS)[number]['key'] | 'open';

/** The server's "now" carried forward by the phone's elapsed time: phone clocks are often wrong. */
export function serverNow(serverIso: string | undefined, loadedAt: number, phoneNow: number = Date.now()): number {
  return serverIso ? Date.parse(serverIso) + (phoneNow - loadedAt) : phoneNow;
}

/** The server's time now for SLA countdowns, counted from when its latest `now` arrived. */
export function useServerNow(serverIso: string | undefined): () => number {
  const loadedAt = useRef(Date.now());
  const seen = useRef(serverIso);
  if (seen.current !== serverIso) {
    seen.current = serverIso;
    loadedAt.current = Date.now();
  }
  return () => serverNow(serverIso, loadedAt.current);
}

/** Re-renders every 30 s so an SLA countdown stays honest while the page is open. */
export function useTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
}

/**
 * The virtual list of report cards both lists show; `listKey` changes with the filter (a new tab
 * is a new list: it starts again from its top), `layoutKey` when what sits above it changes.
 */
export function ReportList(props: { list: ReturnType<typeof useReportList>; listKey: string; layoutKey?: string }) {
  const { list } = props;
  return (
    <VirtualPagedList
      key={props.listKey}
      layoutKey={props.layoutKey}
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
  );
}

/** A report list (mine, the work queue): the shared paged list, reloaded on show, with the server's clock. */
export function useReportList<P extends { items: ReportSummary[]; hasMore: boolean; now?: string }>(
  load: (skip: number, limit: number) => Promise<P>,
  deps: readonly unknown[],
) {
  const list = usePaged((skip) => load(skip, PAGE_SIZE), deps, { reloadOnShow: true });
  return {
    ...list,
    items: list.data?.items ?? [],
    hasMore: list.data?.hasMore ?? false,
    now: useServerNow(list.data?.now),
  };
}

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${mins}分`;
  return `${mins}分钟`;
}

/** The visible countdown: time left to respond or resolve, or how long it is overdue. */
export function slaText(sla: SlaInfo, now: number): { text: string; overdue: boolean } | null {
  if (!sla.dueAt) return null;
  const stage = sla.stage === 'response' ? '响应' : '办结';
  const left = Date.parse(sla.dueAt) - now;
  if (left >= 0) return { text: `距${stage}时限还剩 ${span(left)}`, overdue: false };
  return { text: `${stage}已超时 ${span(left)}`, overdue: true };
}

const STATUS_TYPES: Record<string, 'primary' | 'success' | 'warning' | 'danger' | 'default'> = {
  submitted: 'warning',
  dispatched: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  suspended: 'default',
  resolved: 'success',
  rework: 'danger',
  closed: 'success',
  rejected: 'default',
  recalled: 'default',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag type={STATUS_TYPES[status] ?? 'default'}>{label}</Tag>;
}

/** A report row's height in a virtual list (design px, gap included); the card fits four lines. */
export const REPORT_ROW_HEIGHT = 144;
/** The same in 关怀模式 (larger text; the case number takes a line of its own there). */
export const REPORT_ROW_HEIGHT_CARE = 204;

/** One report in a list: thumbnail, words, status and the SLA countdown. */
export function ReportCard({ report, now }: { report: ReportSummary; now: number }) {
  const sla = slaText(report.sla, now);
  const care = useCare();
  return (
    <View
      className="card report-card"
      data-testid={`report-card-${report.id}`}
      onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${report.id}` })}
    >
      {report.thumbnail ? (
        <Image className="report-thumb" src={report.thumbnail} width="72px" height="72px" mode="aspectFill" lazyLoad />
      ) : (
        <View className="report-thumb report-thumb-empty">{report.categoryName.slice(0, 2)}</View>
      )}
      <View className="report-card-body">
        <View className="report-card-top">
          <Text className="report-card-category">{report.categoryName}</Text>
          <StatusTag status={report.status} label={report.statusLabel} />
        </View>
        <Text className="report-card-desc report-card-line">{report.description}</Text>
        {/* The time first: an ellipsis may cut the address, never when it was reported. In 长辈版 the
            case number has its own line, as both no longer fit one. */}
        <Text className="muted report-card-line" data-testid="report-meta">
          <Text className="report-card-time">{formatTime(report.createdAt)}</Text>
          {report.caseNo && !care ? ` · ${report.caseNo}` : ''} · {report.address}
        </Text>
        {report.caseNo && care && <Text className="muted report-card-line">工单 {report.caseNo}</Text>}
        {(sla || report.reworkCount > 0) && (
          <View className="report-card-line">
            {sla && <Text className={sla.overdue ? 'sla-overdue' : 'sla-left'}>{sla.text}</Text>}
            {report.reworkCount > 0 && <Text className="muted"> 退回重办 {report.reworkCount} 次</Text>}
          </View>
        )}
      </View>
    </View>
  );
}
