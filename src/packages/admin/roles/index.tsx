import { useState } from 'react';
import { Chips } from '../../../components/Chips';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import './index.scss';
import type { Community } from './labels';
import { AssignmentsCard, PeopleCard } from './sections';
import { useRevoke } from './useRevoke';

function Manage({ community }: { community: Community }) {
  const assignments = useRemote(() => call('admin', 'assignments', { communityId: community.id }), [community.id]);
  const people = usePaged(
    (skip) => call('admin', 'people', { communityId: community.id, skip, limit: 20 }),
    [community.id],
  );
  const refresh = () => void Promise.all([assignments.reload(), people.reload()]);
  const revoke = useRevoke(refresh);
  return (
    <>
      <AssignmentsCard community={community} assignments={assignments} revoke={revoke} />
      <PeopleCard community={community} people={people} revoke={revoke} refresh={refresh} />
    </>
  );
}

/** Role grants and revocations, and grid-worker assignments (专职 / 兼职 / 流动), each revocation confirmed. */
export default function Roles() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [communityId, setCommunityId] = useState<string | null>(null);
  return (
    <Page className="admin-manage">
      <StateView remote={places} isEmpty={(p) => p.communities.length === 0} emptyText="暂无可管理的社区">
        {(p) => {
          const community = p.communities.find((c) => c.id === communityId) ?? (p.communities[0] as Community);
          return (
            <>
              {p.communities.length > 1 && (
                <Chips
                  items={p.communities.map((c) => ({ key: c.id, label: c.name }))}
                  active={community.id}
                  onPick={(c) => setCommunityId(c.key)}
                />
              )}
              <Manage community={community} />
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
