import { Button, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import {
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { call } from '../../../services/client';
import { Choice } from '../shared/Choice';
import { formatDate } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { useCouncilRoles } from '../shared/roles';

type Filter = DisclosureCategory | 'all';
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  ...DISCLOSURE_CATEGORIES.map((c) => ({ value: c, label: DISCLOSURE_CATEGORY_LABELS[c] })),
];

/** 公开栏: party, village and financial affairs within their publish period, newest first. */
export default function Board() {
  const [category, setCategory] = useState<Filter>('all');
  const { isStaff, isSage } = useCouncilRoles();
  // Staff and supervisors also see notices outside their publish period (marked as such).
  const oversees = isStaff || isSage;
  const list = usePaged(
    (skip) =>
      call('deliberation', 'disclosure.list', {
        skip,
        limit: 10,
        scope: oversees ? 'all' : 'current',
        ...(category === 'all' ? {} : { category }),
      }),
    [category, oversees],
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <Page>
      {isStaff && (
        <View className="council-actions" data-testid="publish-disclosure">
          <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/council/publish/index' })}>
            发布公开
          </Button>
        </View>
      )}
      <Choice options={FILTERS} value={category} onChange={setCategory} testId="board-filter" />
      <View className="council-tags">
        <Button
          size="small"
          fill="none"
          onClick={() => void Taro.navigateTo({ url: '/packages/council/procedures/index' })}
        >
          四议两公开事项 ›
        </Button>
      </View>
      <StateView remote={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无公开内容">
        {(data) => (
          <>
            {data.items.map((d) => (
              <View
                key={d.id}
                className="council-item"
                data-testid="disclosure-item"
                onClick={() => void Taro.navigateTo({ url: `/packages/council/disclosure/index?id=${d.id}` })}
              >
                <View className="council-item-title">
                  <Text>{d.title}</Text>
                </View>
                <View className="council-tags">
                  <Tag type="primary">{DISCLOSURE_CATEGORY_LABELS[d.category]}</Tag>
                  {d.source && <Tag plain>四议两公开</Tag>}
                  {!d.visible && <Tag type="warning">不在公示期</Tag>}
                  {d.attachments.length > 0 && <Tag plain>{`附件 ${d.attachments.length}`}</Tag>}
                  <Tag plain>
                    {d.visibleUntil
                      ? `公示 ${formatDate(d.visibleFrom)}–${formatDate(d.visibleUntil)}`
                      : `${formatDate(d.visibleFrom)} 起公示`}
                  </Tag>
                </View>
              </View>
            ))}
            <LoadMore hasMore={data.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </>
        )}
      </StateView>
    </Page>
  );
}
