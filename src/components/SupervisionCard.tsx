import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../services/client';

type Kind = 'meeting' | 'procedure' | 'disclosure';
interface Target {
  kind: Kind;
  id: string;
  title: string;
}

const KIND_LABEL: Record<Kind, string> = { meeting: '议事会', procedure: '四议两公开', disclosure: '公开' };

const fileOn = (t: Target) =>
  void Taro.navigateTo({
    url: `/packages/council/opinions/index?kind=${t.kind}&id=${t.id}&title=${encodeURIComponent(t.title)}`,
  });

/**
 * 乡贤's home: the latest meetings, procedures and disclosures, each one tap from 提出监督意见,
 * and how many of their opinions still wait for an answer.
 */
export function SupervisionCard() {
  const [targets, setTargets] = useState<Target[]>();
  const [open, setOpen] = useState(0);
  const load = useCallback(() => {
    Promise.all([
      call('deliberation', 'meeting.list', { limit: 3 }),
      call('deliberation', 'procedure.list', { limit: 2 }),
      call('deliberation', 'disclosure.list', { limit: 2 }),
      call('deliberation', 'opinion.list', { status: 'open', limit: 50 }),
    ])
      .then(([m, p, d, o]) => {
        setTargets([
          ...m.items.map((x) => ({ kind: 'meeting' as const, id: x.id, title: x.title })),
          ...p.items.map((x) => ({ kind: 'procedure' as const, id: x.id, title: x.title })),
          ...d.items.map((x) => ({ kind: 'disclosure' as const, id: x.id, title: x.title })),
        ]);
        setOpen(o.items.length);
      })
      .catch(() => undefined); // the lists themselves show errors; the home page stays calm
  }, []);
  useEffect(load, [load]);
  useDidShow(load);
  if (!targets) return null;
  return (
    <View className="card" data-testid="supervision-card">
      {/* The whole head row opens the opinions: a 44 px target (inline: this card adds no style sheet to the home). */}
      <View
        role="link"
        style={{ minHeight: '44px' }}
        onClick={() => void Taro.navigateTo({ url: '/packages/council/opinions/index' })}
      >
        <Text className="card-title">乡贤监督</Text>
        <Text className="muted">{open > 0 ? ` · ${open} 条意见待社区答复 ›` : ' · 我的监督意见 ›'}</Text>
      </View>
      {targets.map((t) => (
        <View
          key={`${t.kind}:${t.id}`}
          data-testid="supervise-target"
          style={{ display: 'flex', alignItems: 'center', gap: '8px', minHeight: '44px' }}
        >
          <Text style={{ flex: 1 }}>
            <Text className="muted">{KIND_LABEL[t.kind]} · </Text>
            {t.title}
          </Text>
          <Button size="small" fill="outline" onClick={() => fileOn(t)}>
            提出监督意见
          </Button>
        </View>
      ))}
      {targets.length === 0 && <View className="muted">暂无可监督的会议和公开事项</View>}
    </View>
  );
}
