import { Button, Cell, Switch, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { Chips } from '../../components/Chips';
import { confirmThen } from '../../components/confirm';
import { PhotoPicker } from '../../components/PhotoPicker';
import { TextLink } from '../../components/TextLink';
import { VoiceButton } from '../../components/VoiceButton';
import type { Duplicate } from './useDuplicates';
import type { ReportDraftState } from './useReportDraft';
import { DETAIL, retryQueued } from './useSubmitReport';

const MINE = '/packages/reports/mine/index';
type Category = ActionOutput<'reports', 'categories.list'>['items'][number];

/** Not joined yet: the form needs a community and grid first. */
export function JoinPrompt() {
  return (
    <View className="card">
      <Cell
        title="请先选择您所在的社区和网格"
        extra="去选择"
        clickable
        onClick={() => void Taro.navigateTo({ url: '/packages/profile/join/index' })}
      />
    </View>
  );
}

/** Weak network: offline, queued and restored-draft notices. */
export function NetBanners(props: { online: boolean; queued: number; restored: boolean; onClear: () => void }) {
  const clear = () =>
    confirmThen({ title: '清空这份草稿？', content: '照片和文字都会清除，无法恢复。' }, props.onClear);
  return (
    <>
      {!props.online && (
        <View className="net-banner net-offline" data-testid="offline-banner" role="status">
          当前没有网络：填写的内容已保存在手机上，联网后再提交
        </View>
      )}
      {props.queued > 0 && (
        <View className="net-banner net-queued" data-testid="report-queued" role="status">
          <Text>有 {props.queued} 件上报等待网络，恢复后自动提交</Text>
          <Button size="small" onClick={() => void retryQueued()}>
            立即重试
          </Button>
        </View>
      )}
      {props.restored && (
        <View className="net-banner net-draft" data-testid="draft-restored" role="status">
          <Text>已恢复您上次没写完的上报</Text>
          <Button size="small" onClick={clear}>
            清空重写
          </Button>
        </View>
      )}
    </>
  );
}

export function PhotosCard({ draft }: { draft: ReportDraftState }) {
  return (
    <View className="card">
      <View className="report-form-head">
        <Text className="card-title">随手拍 · 随时报</Text>
        <TextLink className="report-link" testId="report-mine-link" onClick={() => void Taro.navigateTo({ url: MINE })}>
          我的上报 ›
        </TextLink>
      </View>
      <Text className="muted">拍下问题，网格员会尽快处理，每一步都会通知您。</Text>
      <View className="report-section">
        <PhotoPicker value={draft.photos} onChange={draft.setPhotos} testId="report-add-photo" offline />
      </View>
    </View>
  );
}

export function CategoryCard({ categories, draft }: { categories: Category[]; draft: ReportDraftState }) {
  const chosen = categories.find((c) => c.id === draft.category);
  return (
    <View className="card">
      <View className="card-title">问题类别</View>
      <Chips
        items={categories.map((c) => ({ key: c.id, label: c.name }))}
        active={draft.category}
        onPick={(c) => draft.setCategory(c.key)}
        itemTestId={(c) => `category-${c.key}`}
      />
      {draft.category && (
        <Text className="muted">
          时限：{chosen?.responseHours} 小时内响应，
          {chosen?.resolveHours} 小时内办结
        </Text>
      )}
    </View>
  );
}

export function DuplicatesCard(props: { duplicates: Duplicate[]; meToo: (reportId: string) => Promise<void> }) {
  if (props.duplicates.length === 0) return null;
  return (
    <View className="card duplicates" data-testid="report-duplicates">
      <View className="card-title">附近已有相似问题</View>
      <Text className="muted">如果是同一件事，点「我也遇到」即可，不用重复上报。</Text>
      {props.duplicates.map((d) => (
        <View key={d.id} className="duplicate">
          <View className="duplicate-text" onClick={() => void Taro.navigateTo({ url: `${DETAIL}?id=${d.id}` })}>
            <Text>{d.description}</Text>
            <Text className="muted">
              {d.statusLabel} · {d.address}
              {d.distanceMetres !== null ? ` · 约 ${d.distanceMetres} 米` : ''} · {d.meTooCount} 人也遇到
            </Text>
          </View>
          <Button size="small" onClick={() => void props.meToo(d.id)}>
            我也遇到
          </Button>
        </View>
      ))}
    </View>
  );
}

export function DescriptionCard({ draft }: { draft: ReportDraftState }) {
  return (
    <View className="card">
      <View className="card-title">问题描述</View>
      <View data-testid="report-description">
        <TextArea
          value={draft.description}
          onChange={(v) => draft.setDescription(v)}
          maxLength={500}
          showCount
          placeholder="发生了什么？在哪个位置？持续多久了？"
        />
      </View>
      <VoiceButton
        base={draft.description}
        onText={(text) => draft.setDescription(text.slice(0, 500))}
        testId="report-voice"
      />
    </View>
  );
}

/** A labelled switch card (匿名上报, 代居民上报). */
export function SwitchRow(props: { label: string; hint: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className="switch-row">
      <View>
        <View>{props.label}</View>
        <Text className="muted">{props.hint}</Text>
      </View>
      <Switch checked={props.checked} onChange={(v) => props.onChange(v)} aria-label={props.label} />
    </View>
  );
}

export function AnonymousCard({ draft }: { draft: ReportDraftState }) {
  return (
    <View className="card">
      <SwitchRow
        label="匿名上报"
        hint="其他居民和监督员看不到您是谁；工作人员可见，便于回访。"
        checked={draft.anonymous}
        onChange={draft.setAnonymous}
      />
    </View>
  );
}

export function SubmitButton(props: { submitting: boolean; onSubmit: () => void }) {
  return (
    <View className="report-submit" data-testid="report-submit">
      <Button type="primary" block size="large" loading={props.submitting} onClick={props.onSubmit}>
        提交上报
      </Button>
    </View>
  );
}
