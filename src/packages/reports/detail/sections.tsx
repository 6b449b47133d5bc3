import { Image, Step, Steps } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STOPPED_STATUSES } from '../../../../cloudfunctions/_core/domain/reports/types';
import { GridMap } from '../../../components/GridMap';
import { Speaker } from '../../../components/Speaker';
import { useCare } from '../../../hooks/useCare';
import { formatTime, StatusTag, slaText } from '../shared';
import type { Detail } from './useReportSteps';

export function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className="detail-photos">
      {urls.map((url) => (
        <View
          key={url}
          className="detail-photo"
          onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => {})}
        >
          <Image src={url} width="100%" height="100%" mode="aspectFill" lazyLoad />
        </View>
      ))}
    </View>
  );
}

/** Who filed it, as this person may see it (anonymity and masking were applied by the server). */
function reporterLine(report: Detail): string {
  const phone = report.reporter.phoneMasked ? `（${report.reporter.phoneMasked}）` : '';
  return `上报人：${report.reporter.name}${phone}${report.anonymous ? ' · 匿名' : ''}${report.filedByStaff ? ' · 工作人员代报' : ''}`;
}

/** What, where, who and when. */
export function SummaryCard({ report }: { report: Detail }) {
  const { latitude, longitude } = report.location;
  return (
    <View className="card" data-testid="report-detail">
      <View className="detail-head">
        <Text className="card-title">{report.categoryName}</Text>
        <View data-testid="report-status">
          <StatusTag status={report.status} label={report.statusLabel} />
        </View>
      </View>
      {report.caseNo && (
        <View className="detail-caseno" data-testid="report-caseno">
          工单编号 <Text className="detail-caseno-value">{report.caseNo}</Text>
        </View>
      )}
      <Text className="detail-desc">{report.description}</Text>
      <Photos urls={report.photos} />
      <View className="muted detail-meta">
        <Text>地点：{report.location.address}</Text>
        <Text>网格：{report.gridName}</Text>
        <GridMap
          shapes={[{ id: report.id, name: report.gridName, boundary: report.gridBoundary, active: true }]}
          pin={latitude !== undefined && longitude !== undefined ? { latitude, longitude } : null}
          testId="report-map"
        />
        <Text>{reporterLine(report)}</Text>
        <Text>上报时间：{formatTime(report.createdAt)}</Text>
        {report.assignee && (
          <Text data-testid="report-assignee">
            办理人：
            <Speaker name={report.assignee} role={report.assigneeRole} />
          </Text>
        )}
        {report.meTooCount > 0 && <Text>另有 {report.meTooCount} 位居民也遇到</Text>}
        {report.rewarded && <Text>已获举报奖励</Text>}
      </View>
    </View>
  );
}

/** 受理 → 办理 → 办结 → 评价; a refused or withdrawn report has none. */
export function StagesCard({ report }: { report: Detail }) {
  // Four steps side by side leave 18 px words a quarter of the screen each: 长辈版 reads them top to bottom.
  const care = useCare();
  if (STOPPED_STATUSES.includes(report.status)) return null;
  return (
    <View className="card" data-testid="report-stages">
      <View className="card-title">办理进度</View>
      <Steps
        value={report.stages.filter((st) => st.state === 'done').length + 1}
        direction={care ? 'vertical' : 'horizontal'}
      >
        {report.stages.map((st, i) => (
          <Step
            key={st.key}
            value={i + 1}
            title={st.label}
            description={st.at ? formatTime(st.at) : st.state === 'current' ? '进行中' : '未开始'}
          />
        ))}
      </Steps>
    </View>
  );
}

/** Why no deadline is being raced (the server's `sla.dueAt` is null). */
const CLOCK_STOPPED: Partial<Record<Detail['status'], string>> = {
  suspended: '已挂起，时限暂停计算',
  resolved: '已办结，等待评价',
};

export function SlaCard({ report, now }: { report: Detail; now: number }) {
  const sla = slaText(report.sla, now);
  return (
    <View className="card" data-testid="report-sla">
      <View className="card-title">办理时限</View>
      {sla ? (
        <Text className={sla.overdue ? 'sla-overdue' : 'sla-left'} data-testid="report-countdown">
          {sla.text}
        </Text>
      ) : (
        <Text className="muted">{CLOCK_STOPPED[report.status] ?? '已结束'}</Text>
      )}
      <View className="muted detail-meta">
        <Text>
          响应时限：{formatTime(report.sla.responseDueAt)}
          {report.sla.respondedAt ? `（${formatTime(report.sla.respondedAt)} 已响应）` : ''}
        </Text>
        <Text>办结时限：{formatTime(report.sla.resolveDueAt)}</Text>
        {report.sla.escalation !== '网格员' && <Text className="sla-overdue">已升级至{report.sla.escalation}督办</Text>}
      </View>
    </View>
  );
}

export function AnswerCard({ report }: { report: Detail }) {
  if (!report.answer) return null;
  // Who answered: the latest 办结 step, with the role the server states beside the name.
  const resolves = report.timeline.filter((e) => e.action === 'resolve');
  const by = resolves[resolves.length - 1];
  return (
    <View className="card" data-testid="report-answer">
      <View className="card-title">办理答复</View>
      {by && (
        <Text className="muted" data-testid="report-answer-by">
          答复人：
          <Speaker name={by.actor} role={by.actorRole} />
        </Text>
      )}
      <Text>{report.answer}</Text>
      <Photos urls={report.evidencePhotos} />
      {report.rating && (
        <Text className="muted" data-testid="report-rating">
          评价：{report.rating.label}
          {report.rating.comment ? `（${report.rating.comment}）` : ''}
        </Text>
      )}
    </View>
  );
}

export function TimelineCard({ report }: { report: Detail }) {
  return (
    <View className="card" data-testid="report-timeline">
      <View className="card-title">办理进度</View>
      {[...report.timeline].reverse().map((entry) => (
        <View key={entry.seq} className="timeline-item">
          <View className="timeline-dot" />
          <View className="timeline-body">
            <Text className="timeline-title">
              {entry.label}
              {entry.toStatus ? ` · ${entry.toStatus}` : ''}
            </Text>
            <Text className="muted" data-testid="timeline-actor">
              {formatTime(entry.at)} · <Speaker name={entry.actor} role={entry.actorRole} />
            </Text>
            {entry.note && <Text className="timeline-note">{entry.note}</Text>}
            <Photos urls={entry.photos} />
          </View>
        </View>
      ))}
    </View>
  );
}
