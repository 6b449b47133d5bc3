import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { memo, Suspense, useEffect, useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { CouncilNoticesCard } from '../../components/CouncilNoticesCard';
import { Page } from '../../components/Page';
import { StateView } from '../../components/StateView';
import { SupervisionCard } from '../../components/SupervisionCard';
import { Workbench } from '../../components/Workbench';
import { useCare } from '../../hooks/useCare';
import { useProfile } from '../../hooks/useProfile';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { type Entry, entriesFor, openEntry } from '../../services/entries';
import { FunctionGrid } from './functionGrid';
import { PrivacyGate } from './privacyGate';
import './index.scss';

/** 关怀模式 home: the four things residents do most, as big buttons. */
const CARE_FIRST = ['report', 'report-mine', 'messages', 'council-notices'];
const MESSAGES: Entry = { key: 'messages', text: '消息通知', url: '/packages/profile/messages/index' };

function careEntries(all: Entry[]): Entry[] {
  const pool = [...all, MESSAGES];
  const first = CARE_FIRST.map((key) => pool.find((e) => e.key === key)).filter((e): e is Entry => !!e);
  const rest = all.filter((e) => !first.includes(e));
  return [...first, ...rest].slice(0, 4);
}

/**
 * h5: what lies below the greeting (notices, function grid) renders in the task after the first
 * paint, so the content's first paint is one shorter task (Lighthouse's blocking time, issue 19).
 * It is appended below what is shown, so nothing visible moves. weapp renders all at once.
 */
function useSecondPass(): boolean {
  const [ready, setReady] = useState(process.env.TARO_ENV !== 'h5');
  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(timer);
  }, [ready]);
  return ready;
}

type Me = ActionOutput<'identity', 'me'>;

export default function Home() {
  // Rendered at once from the last-known profile, then revalidated (issue 19: content ≠ network).
  const profile = useProfile({ cached: true });
  // Nothing but identity is asked before the privacy notice is accepted.
  useUnreadBadge(profile.data !== undefined && !profile.data.privacy.needsConsent);
  const care = useCare();
  return (
    <Page className="home">
      <StateView remote={profile}>{(me) => <HomeBody me={me} care={care} reload={profile.reload} />}</StateView>
    </Page>
  );
}

/**
 * The page's content, memoised: the revalidation that confirms the kept profile, the unread count
 * and the loading flag re-render Home, and must not re-render the whole page for nothing (each
 * such pass was a long task on a phone, issue 19).
 */
const HomeBody = memo(function HomeBody({ me, care, reload }: { me: Me; care: boolean; reload: () => Promise<void> }) {
  const [showAll, setShowAll] = useState(false);
  const later = useSecondPass();
  return (
    <>
      {/* Rendered (and on h5 fetched, privacyGate.h5.ts) only while the notice waits to be accepted. */}
      {me.privacy.needsConsent && (
        <Suspense fallback={null}>
          <PrivacyGate profile={me} onAccepted={() => void reload()} />
        </Suspense>
      )}
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
      {later && me.community && (!care || showAll) && <CouncilNoticesCard />}
      {later && (!care || showAll) && (
        // h5 loads the grid's code after the greeting (functionGrid.h5.ts); it is appended below, so nothing moves.
        <Suspense fallback={null}>
          <FunctionGrid entries={entriesFor(me.roles.map((r) => r.role))} care={care} />
        </Suspense>
      )}
    </>
  );
});
