import { Button, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import {
  PROCEDURE_STATUS_LABELS,
  PROCEDURE_STEP_LABELS,
  PROCEDURE_STEPS,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { formatDate } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { useCouncilRoles } from '../shared/roles';

export default function Procedures() {
  const { isStaff } = useCouncilRoles();
  const list = usePaged((skip) => call('deliberation', 'procedure.list', { skip, limit: 10 }));
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      <View className="muted" style={{ marginBottom: '10px' }}>
        重大事项须经党组织提议、两委会商议、党员大会审议、村（居）民会议或代表会议决议，决议和实施结果公开。
      </View>
      {isStaff && (
        <View className="council-actions" data-testid="start-procedure">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/council/start/index' })}>
            发起事项
          </Button>
        </View>
      )}
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无四议两公开事项">
        {(data) => (
          <>
            {data.items.map((p) => (
              <View
                key={p.id}
                className="council-item"
                data-testid="procedure-item"
                onClick={() => void Taro.navigateTo({ url: `/packages/council/procedure/index?id=${p.id}` })}
              >
                <View className="council-item-title">
                  <Text>{p.title}</Text>
                </View>
                <View className="council-tags">
                  <Tag type={p.status === 'completed' ? 'success' : p.status === 'rejected' ? 'danger' : 'primary'}>
                    {PROCEDURE_STATUS_LABELS[p.status]}
                  </Tag>
                  <Tag plain>{`第 ${p.steps.length}/${PROCEDURE_STEPS.length} 步`}</Tag>
                  {p.nextStep && <Tag plain>{`下一步：${PROCEDURE_STEP_LABELS[p.nextStep]}`}</Tag>}
                </View>
                <View className="muted">{formatDate(p.createdAt)} 发起</View>
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
