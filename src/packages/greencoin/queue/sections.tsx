import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { formatTime, go } from '../../../components/ui';
import type { Item, useReasoned } from './useQueueActions';

export type Tab = 'requested' | 'approved';
/** The queue's buttons are the server's `actions` for each request (no 通过 on one's own or a 代办-linked request). */
export type QueueAction = Item['actions'][number];

export function QueueTabs({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  return (
    <View className="card gc-choice" data-testid="queue-tabs">
      <Button type={tab === 'requested' ? 'primary' : 'default'} onClick={() => onTab('requested')}>
        待审核
      </Button>
      <Button type={tab === 'approved' ? 'primary' : 'default'} onClick={() => onTab('approved')}>
        待领取
      </Button>
    </View>
  );
}

export function QueueLinks() {
  return (
    <View className="card gc-links">
      <Button fill="outline" onClick={() => go('/packages/greencoin/pickup/index')}>
        凭码领取
      </Button>
      <Button fill="outline" onClick={() => go('/packages/greencoin/goods/index')}>
        商品与库存
      </Button>
    </View>
  );
}

const BUTTONS: Record<QueueAction, { label: string; testId: string; type?: 'primary' | 'danger'; outline: boolean }> = {
  approve: { label: '通过', testId: 'queue-approve', type: 'primary', outline: false },
  reject: { label: '驳回', testId: 'queue-reject', type: 'danger', outline: true },
  refund: { label: '无法领取，退还绿币', testId: 'queue-refund', outline: true },
};

export function QueueItem({ item: r, onAction }: { item: Item; onAction: (a: QueueAction, item: Item) => void }) {
  const actions = r.actions;
  return (
    <View className="gc-item" data-testid="queue-item">
      <View className="gc-item-title">
        {r.goodsName} ×{r.quantity}
      </View>
      <View className="muted">
        {r.requester} · {r.amount} 绿币 · {formatTime(r.createdAt)}
      </View>
      {r.status === 'requested' && <View className="muted">过期时间 {formatTime(r.expiresAt)}</View>}
      {actions.length > 0 && (
        <View className="gc-actions">
          {actions.map((a) => (
            <View key={a} data-testid={BUTTONS[a].testId}>
              <Button
                type={BUTTONS[a].type ?? 'default'}
                fill={BUTTONS[a].outline ? 'outline' : undefined}
                onClick={() => onAction(a, r)}
              >
                {BUTTONS[a].label}
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export function ReasonDialog({ form }: { form: ReturnType<typeof useReasoned> }) {
  const { spec, draft } = form;
  return (
    <Dialog
      visible={draft !== undefined}
      title={spec.title}
      confirmText={spec.confirmText}
      onConfirm={() => void form.submit()}
      onCancel={form.close}
    >
      {draft && (
        <View data-testid={spec.testId}>
          <TextArea value={draft.reason} maxLength={200} placeholder={spec.placeholder} onChange={form.setReason} />
        </View>
      )}
    </Dialog>
  );
}
