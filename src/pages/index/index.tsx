import { Button, Cell, Grid, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CouncilNoticesCard } from '../../components/CouncilNoticesCard';
import { EntryIcon } from '../../components/EntryIcon';
import { PrivacyGate } from '../../components/PrivacyGate';
import { StateView } from '../../components/StateView';
import { SupervisionCard } from '../../components/SupervisionCard';
import { Workbench } from '../../components/Workbench';
import { useCare } from '../../hooks/useCare';
import { useProfile } from '../../hooks/useProfile';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { type Entry, entriesFor, openEntry } from '../../services/entries';
import './index.scss';
import { Page } from '../../components/Page';

/** 关怀模式 home: the four things residents do most, as big buttons. */
const CARE_FIRST = ['report', 'report-mine', 'messages', 'council-notices'];
const MESSAGES: Entry = { key: 'messages', text: '消息通知', url: '/packages/profile/messages/index' };

function careEntries(all: Entry[]): Entry[] {
  const pool = [...all, MESSAGES];
  const first = CARE_FIRST.map((key) => pool.find((e) => e.key === key)).filter((e): e is Entry => !!e);
  const rest = all.filter((e) => !first.includes(e));
  return [...first, ...rest].slice(0, 4);
}

export default function Home() {
  const profile = useProfile();
  // Nothing but identity is asked before the privacy notice is accepted.
  useUnreadBadge(profile.data !== undefined && !profile.data.privacy.needsConsent);
  const care = useCare();
  const [showAll, setShowAll] = useState(false);
  return (
    <Page className="home">
      <StateView remote={profile}>
        {(me) => (
          <>
            <PrivacyGate profile={me} onAccepted={() => void profile.reload()} />
            {/* Staff and grid workers open on what waits for them; resident entries follow below. */}
            {me.roles.some((r) => r.role === 'staff' || r.role === 'gridworker') && <Workbench />}
            {me.roles.some((r) => r.role === 'sage') && <SupervisionCard />}
            <View className="card home-hero" data-testid="home-community">
              <Text className="home-greeting">您好，{me.nickname}</Text>
              {me.community ? (
                <View className="muted">
                  {me.street?.name} · {me.community.name}
                  {me.grid ? ` · ${me.grid.name}` : ''}
                </View>
              ) : (
                <Cell
                  title="还没有选择所在社区"
                  extra="去选择"
                  clickable
                  onClick={() => void openEntry({ url: '/packages/profile/join/index' })}
                />
              )}
              <View className="home-roles">
                {me.roles.map((role) => (
                  <Tag key={`${role.role}-${role.communityId ?? 'all'}-${role.gridId ?? ''}`} type="primary" plain>
                    {role.label}
                  </Tag>
                ))}
              </View>
            </View>
            {care && (
              <View className="card care-actions" data-testid="care-actions">
                {careEntries(entriesFor(me.roles.map((r) => r.role))).map((entry) => (
                  <View key={entry.key} className="care-action" data-testid={`care-action-${entry.key}`}>
                    <Button block size="xlarge" type="primary" onClick={() => void openEntry(entry)}>
                      {entry.text}
                    </Button>
                  </View>
                ))}
                {!showAll && (
                  <View className="care-more">
                    <Button block size="large" fill="outline" onClick={() => setShowAll(true)}>
                      更多功能
                    </Button>
                  </View>
                )}
              </View>
            )}
            {me.community && (!care || showAll) && <CouncilNoticesCard />}
            {(!care || showAll) && (
              <View className="card">
                <View className="card-title">常用功能</View>
                <Grid columns={care ? 2 : 4}>
                  {entriesFor(me.roles.map((r) => r.role)).map((entry) => (
                    <Grid.Item key={entry.key} text={entry.text} onClick={() => void openEntry(entry)}>
                      <EntryIcon entryKey={entry.key} size={care ? 32 : 24} />
                    </Grid.Item>
                  ))}
                </Grid>
              </View>
            )}
          </>
        )}
      </StateView>
    </Page>
  );
}
