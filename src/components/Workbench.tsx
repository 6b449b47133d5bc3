import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ActionOutput } from '../../cloudfunctions/api';
import { call } from '../services/client';
import { formatShort } from './ui';
import './Workbench.scss';

type Bench = ActionOutput<'admin', 'workbench'>;

const open = (url: string) => void Taro.navigateTo({ url });

/** "等了 3 小时" / "等了 2 天": how long something has waited, at a glance. */
function waited(since: string, now: string): string {
  const hours = Math.floor((Date.parse(now) - Date.parse(since)) / 3600_000);
  if (hours < 1) return '刚刚';
  return hours < 48 ? `等了 ${hours} 小时` : `等了 ${Math.floor(hours / 24)} 天`;
}

/**
 * 工作台: the first card staff and grid workers see. Per kind what waits for them, oldest first,
 * each one tap from being handled; refreshed whenever the home page shows (after handling one).
 */
export function Workbench() {
  const [bench, setBench] = useState<Bench>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    call('admin', 'workbench', { limit: 3 })
      .then((b) => {
        setBench(b);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);
  useEffect(load, [load]);
  useDidShow(load);
  if (!bench) {
    return failed ? (
      <View className="card workbench" data-testid="workbench" onClick={load}>
        <Text className="card-title">工作台</Text>
        <View className="muted">待办加载失败，点此重试</View>
      </View>
    ) : null;
  }
  const waiting = bench.kinds.filter((k) => k.count > 0);
  return (
    <View className="card workbench" data-testid="workbench" data-total={bench.total}>
      <View className="workbench-head">
        <Text className="card-title">工作台</Text>
        <Text className="muted">{bench.total > 0 ? `共 ${bench.total} 件待办` : ''}</Text>
      </View>
      {waiting.length === 0 && (
        <View className="muted" data-testid="workbench-clear">
          暂无待办事项，辛苦了
        </View>
      )}
      {waiting.map((k) => (
        <View key={k.kind} className="workbench-kind" data-testid={`workbench-${k.kind}`} data-count={k.count}>
          <View className="workbench-kind-head" role="link" onClick={() => open(k.link)}>
            <Text className="workbench-label">{k.label}</Text>
            <Text className={`workbench-count ${k.kind === 'overdue' ? 'is-late' : ''}`}>
              {k.more ? `${k.count}+` : k.count}
            </Text>
            <Text className="muted">全部 ›</Text>
          </View>
          {k.items.map((item) => (
            <View
              key={item.id}
              className="workbench-item"
              data-testid="workbench-item"
              data-id={item.id}
              onClick={() => open(item.link)}
            >
              <View className="workbench-item-title">{item.title}</View>
              <View className="muted">
                {item.detail ? `${item.detail} · ` : ''}
                {waited(item.since, bench.now)}
                {item.dueAt && (
                  <Text className={item.overdue ? 'workbench-late' : ''}>
                    {' '}
                    · {item.overdue ? '已超时' : '截止'} {formatShort(item.dueAt)}
                  </Text>
                )}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
