import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { confirmAct } from '../../../components/confirmAct';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { formatTime, LoadMore } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../../services/shared/services.scss';

type Scheme = ActionOutput<'tips', 'schemes'>['schemes'][number]['id'];
type Community = ActionOutput<'admin', 'places'>['communities'][number];

/** `*`: the officer serves the scheme street-wide (统一发放); otherwise one community. */
const STREET = '*';

/** Someone to designate: the people of a community, each with a 指定 button behind a confirmation. */
function Designate(props: { scheme: Scheme; schemeName: string; communities: Community[]; onDone: () => void }) {
  const [from, setFrom] = useState(props.communities[0]?.id ?? '');
  const [area, setArea] = useState<string>(STREET);
  const people = usePaged((skip) => call('admin', 'people', { communityId: from, skip, limit: 20 }), [from]);
  const areaName = area === STREET ? '全街道' : (props.communities.find((c) => c.id === area)?.name ?? '');
  const designate = async (userId: string, name: string) => {
    const ok = await confirmAct(
      {
        title: '确认指定？',
        content: `指定 ${name} 为「${props.schemeName}」举报受理员（${areaName}）。受理员可以看到举报内容和实名举报人的身份，每次查看都会记录。`,
      },
      () =>
        call('tips', 'officer.grant', {
          userId,
          scheme: props.scheme,
          ...(area === STREET ? {} : { communityId: area }),
        }),
      '已指定',
    );
    if (ok) props.onDone();
  };
  return (
    <View className="card" data-testid="officer-designate">
      <View className="label">受理范围</View>
      <Chips
        items={[{ key: STREET, label: '全街道' }, ...props.communities.map((c) => ({ key: c.id, label: c.name }))]}
        active={area}
        onPick={(c) => setArea(c.key)}
        testid="officer-area"
      />
      <View className="label">从社区人员中选择</View>
      <Chips
        items={props.communities.map((c) => ({ key: c.id, label: c.name }))}
        active={from}
        onPick={(c) => setFrom(c.key)}
        testid="officer-from"
      />
      <StateView remote={people.remote} isEmpty={(p) => p.items.length === 0} emptyText="该社区暂无人员">
        {(p) => (
          <View data-testid="officer-people">
            {p.items.map((u) => (
              <View key={u.userId} className="row-head" data-testid={`officer-person-${u.userId}`}>
                <Text className="name">{u.name}</Text>
                <Text className="muted">{u.phone}</Text>
                <Button size="small" onClick={() => void designate(u.userId, u.name)}>
                  指定
                </Button>
              </View>
            ))}
            <LoadMore hasMore={p.hasMore} loading={people.loadingMore} onMore={() => void people.loadMore()} />
          </View>
        )}
      </StateView>
    </View>
  );
}

type Officers = ReturnType<typeof useOfficers>;
const useOfficers = (scheme: Scheme) =>
  usePaged((skip) => call('tips', 'officer.list', { scheme, skip, limit: 20 }), [scheme]);

/** The scheme's officers, each revocable (not oneself) behind a confirmation. */
function OfficerList({ scheme, list }: { scheme: Scheme; list: Officers }) {
  const revoke = async (o: NonNullable<Officers['data']>['items'][number], schemeName: string) => {
    const ok = await confirmAct(
      {
        title: '确认撤销？',
        content: `撤销 ${o.name} 的「${schemeName}」举报受理员指定（${o.area}）。撤销后其不能再查看这一类别的举报。`,
      },
      () =>
        call('tips', 'officer.revoke', {
          userId: o.userId,
          scheme,
          ...(o.communityId ? { communityId: o.communityId } : {}),
        }),
      '已撤销',
    );
    if (ok) void list.reload();
  };
  return (
    <StateView remote={list.remote} isEmpty={(p) => p.items.length === 0} emptyText="这一类别还没有受理员">
      {(p) => (
        <View className="card" data-testid="officer-list">
          {p.items.map((o) => (
            <View key={`${o.userId}|${o.communityId ?? ''}`} data-testid="officer-row">
              <View className="row-head">
                <Text className="name">{o.name}</Text>
                <Text className="badge">{o.area}</Text>
              </View>
              <Text className="muted">
                {o.phoneMasked ?? ''} · 指定于 {formatTime(o.designatedAt)}
              </Text>
              {!o.mine && (
                <View data-testid={`officer-revoke-${o.userId}`}>
                  <Button size="small" type="danger" onClick={() => void revoke(o, p.schemeName)}>
                    撤销指定
                  </Button>
                </View>
              )}
            </View>
          ))}
          <LoadMore hasMore={p.hasMore} loading={list.loadingMore} onMore={() => void list.loadMore()} />
        </View>
      )}
    </StateView>
  );
}

/**
 * The street designates who receives each scheme's tips (举报受理员): listed per scheme, designated
 * from a community's people or revoked, each behind a confirmation; the server refuses
 * designating oneself and audits every change.
 */
export default function TipOfficers() {
  const schemes = useRemote(() => call('tips', 'schemes', {}));
  const places = useRemote(() => call('admin', 'places', {}));
  const [scheme, setScheme] = useState<Scheme>('crime');
  const [adding, setAdding] = useState(false);
  const list = useOfficers(scheme);
  return (
    <Page className="services">
      <StateView remote={schemes}>
        {(s) => (
          <Chips
            items={s.schemes.map((x) => ({ key: x.id, label: x.name, id: x.id }))}
            active={scheme}
            onPick={(x) => {
              setScheme(x.id);
              setAdding(false);
            }}
            testid="officer-schemes"
          />
        )}
      </StateView>
      <OfficerList scheme={scheme} list={list} />
      {adding ? (
        <StateView remote={places} isEmpty={(p) => p.communities.length === 0} emptyText="暂无可管理的社区">
          {(p) => (
            <Designate
              scheme={scheme}
              schemeName={list.remote.data?.schemeName ?? ''}
              communities={p.communities}
              onDone={() => {
                setAdding(false);
                void list.reload();
              }}
            />
          )}
        </StateView>
      ) : (
        <View className="actions" data-testid="officer-add">
          <Button type="primary" onClick={() => setAdding(true)}>
            指定受理员
          </Button>
        </View>
      )}
    </Page>
  );
}
