import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { act, formatDay, formatTime, go, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { type MaterialPhotos, MaterialPickers, materialsOf } from '../shared/MaterialPickers';
import { Progress } from '../shared/Progress';
import '../shared/services.scss';
import { TextLink } from '../../../components/TextLink';

/** Progress, what is missing (with the photos to supply it) and the pickup code of one application. */
function Detail({ applicationId, onChanged }: { applicationId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('services', 'detail', { applicationId }), [applicationId]);
  const [photos, setPhotos] = useState<MaterialPhotos>({});
  const [busy, setBusy] = useState(false);
  return (
    <StateView remote={detail}>
      {(d) => {
        const a = d.application;
        const complete = a.missing.every((name) => (photos[name] ?? []).length > 0);
        const supply = async () => {
          setBusy(true);
          const ok = await act(
            () =>
              call('services', 'supply', {
                applicationId,
                materials: materialsOf(a.missing, photos),
              }),
            '已补交材料',
          );
          setBusy(false);
          if (ok) {
            setPhotos({});
            void detail.reload();
            onChanged();
          }
        };
        return (
          <View data-testid="services-detail">
            {a.status === 'approved' && a.pickupCode && (
              <View data-testid="pickup-code">
                <Text className="muted">请凭领取码到{d.collectAt}领取：</Text>
                <View className="code">{a.pickupCode}</View>
              </View>
            )}
            {a.status === 'supplement' && (
              <View data-testid="services-supplement">
                <View className="missing">需补交：{a.missing.join('、')}</View>
                {a.missingNote ? <View className="muted">{a.missingNote}</View> : null}
                <MaterialPickers names={a.missing} value={photos} onChange={setPhotos} testPrefix="supply" />
                <View data-testid="services-supply">
                  <Button
                    type="primary"
                    block
                    loading={busy}
                    disabled={!complete || busy}
                    onClick={() => void supply()}
                  >
                    补交材料
                  </Button>
                </View>
              </View>
            )}
            {a.refusedReason && <Text className="missing">不予办理理由：{a.refusedReason}</Text>}
            {a.dueAt && a.status === 'accepted' && <Text className="muted">承诺 {formatDay(a.dueAt)} 前办结</Text>}
            <Progress events={a.events} />
          </View>
        );
      }}
    </StateView>
  );
}

/** My applications at the service window, newest first. */
export default function MyServices() {
  const list = usePaged((skip) => call('services', 'mine', { skip, limit: 20 }));
  const [open, setOpen] = useState<string | null>(Taro.getCurrentInstance().router?.params.applicationId ?? null);
  return (
    <Page className="services">
      <View className="actions" style={{ marginBottom: '10px' }}>
        <Button size="small" onClick={() => go('/packages/services/catalogue/index')}>
          办事指南
        </Button>
      </View>
      <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="还没有办事申请">
        {(p) => (
          <View data-testid="services-mine">
            {p.items.map((a) => (
              <View key={a.id} className="card" data-testid="services-application">
                <View className="row-head" onClick={() => setOpen(open === a.id ? null : a.id)}>
                  <Text className="name">{a.itemName}</Text>
                  <Text className={`badge ${a.status === 'supplement' || a.status === 'refused' ? 'badge-warn' : ''}`}>
                    {a.statusLabel}
                  </Text>
                </View>
                <Text className="muted">申请于 {formatTime(a.submittedAt)}</Text>
                {open === a.id ? (
                  <Detail applicationId={a.id} onChanged={() => void list.reload()} />
                ) : (
                  <TextLink role="button" onClick={() => setOpen(a.id)}>
                    查看进度 ›
                  </TextLink>
                )}
              </View>
            ))}
            <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
          </View>
        )}
      </StateView>
    </Page>
  );
}
