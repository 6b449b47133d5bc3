import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { Chips } from '../../components/Chips';
import { call } from '../../services/client';
import { SwitchRow } from './sections';
import type { FiledFor } from './useFiledFor';

type Resident = ActionOutput<'reports', 'residents'>['items'][number];

/** 代居民上报 (staff only): find the resident who phoned or came by, and file in their name. */
export function StaffProxyCard({ filedFor }: { filedFor: FiledFor }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Resident[]>([]);
  const find = async () => {
    if (!query.trim()) return;
    try {
      setHits((await call('reports', 'residents', { query: query.trim() })).items);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };
  return (
    <View className="card" data-testid="report-proxy">
      <SwitchRow
        label="代居民上报"
        hint="居民来电或上门反映时使用，记录为工作人员代报。"
        checked={filedFor.staffProxy}
        onChange={filedFor.setStaffProxy}
      />
      {filedFor.staffProxy && (
        <>
          <View className="place-row report-section">
            <View className="place-input">
              <Input value={query} onChange={setQuery} maxLength={20} placeholder="居民昵称或手机尾号" />
            </View>
            <Button size="small" onClick={() => void find()}>
              查找
            </Button>
          </View>
          <View className="report-section">
            <Chips
              items={hits.map((r) => ({
                key: r.userId,
                label: `${r.name}${r.phoneMasked ? ` ${r.phoneMasked}` : ''}`,
                name: r.name,
              }))}
              active={filedFor.onBehalf?.userId}
              onPick={(r) => filedFor.setOnBehalf({ userId: r.key, name: r.name })}
            />
          </View>
          {filedFor.onBehalf && <Text className="muted">将代「{filedFor.onBehalf.name}」上报，进展会通知本人。</Text>}
        </>
      )}
    </View>
  );
}
