import { useEffect, useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { Page } from '../../components/Page';
import { PrivacyGate } from '../../components/PrivacyGate';
import { ProxyPicker } from '../../components/ProxyPicker';
import { StateView } from '../../components/StateView';
import { useOnline } from '../../hooks/useOnline';
import { useProfile } from '../../hooks/useProfile';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/client';
import { onQueueChange, queuedReports } from '../../services/reportQueue';
import { PlaceCard } from './PlaceCard';
import { StaffProxyCard } from './StaffProxyCard';
import {
  AnonymousCard,
  CategoryCard,
  DescriptionCard,
  DuplicatesCard,
  JoinPrompt,
  NetBanners,
  PhotosCard,
  SubmitButton,
} from './sections';
import { useDuplicates } from './useDuplicates';
import { useFiledFor } from './useFiledFor';
import { usePlace } from './usePlace';
import { useReportDraft } from './useReportDraft';
import { useSubmitReport } from './useSubmitReport';
import './index.scss';

type Me = ActionOutput<'identity', 'me'>;

/** 随手拍: photos first, then category, words and place; similar open reports are offered before filing. */
export default function ReportTab() {
  const profile = useProfile();
  return (
    <Page className="report-form">
      <StateView remote={profile}>
        {(me) => (
          <>
            <PrivacyGate profile={me} onAccepted={() => void profile.reload()} />
            {me.community ? <ReportForm me={me} communityId={me.community.id} /> : <JoinPrompt />}
          </>
        )}
      </StateView>
    </Page>
  );
}

/** The community's categories, grids and grid outlines (the map and the 楼栋 picker). */
function useCommunityPlaces(communityId: string) {
  const categories = useRemote(() => call('reports', 'categories.list', { communityId }), [communityId]);
  const communities = useRemote(() => call('identity', 'listCommunities', { limit: 50 }), [communityId]);
  const places = useRemote(() => call('reports', 'places', { communityId }), [communityId]);
  return {
    categories: categories.data?.items ?? [],
    myGrids: communities.data?.items.find((c) => c.id === communityId)?.grids ?? [],
    places: places.data?.items ?? [],
  };
}

/** How many reports wait on the phone for a network (the queued banner). */
function useQueuedCount(): number {
  const [queued, setQueued] = useState(() => queuedReports().length);
  useEffect(() => onQueueChange(() => setQueued(queuedReports().length)), []);
  return queued;
}

function ReportForm({ me, communityId }: { me: Me; communityId: string }) {
  const community = useCommunityPlaces(communityId);
  const online = useOnline();
  const queued = useQueuedCount();
  const draft = useReportDraft();
  const filedFor = useFiledFor();
  const place = usePlace(draft, communityId);
  const chosenGrid = draft.gridId ?? me.grid?.id;
  const { duplicates, meToo } = useDuplicates(draft.category, chosenGrid, draft.place);
  const reset = () => {
    draft.reset();
    filedFor.reset();
    place.clearNote();
  };
  const { submitting, submit } = useSubmitReport(draft, filedFor, chosenGrid, reset);
  // Staff filing for a resident who phoned or came by: recorded as filed on their behalf.
  const isStaff = me.roles.some((r) => r.role === 'staff');
  return (
    <>
      <NetBanners online={online} queued={queued} restored={draft.restored} onClear={reset} />
      <PhotosCard draft={draft} />
      <CategoryCard categories={community.categories} draft={draft} />
      <DuplicatesCard duplicates={duplicates} meToo={meToo} />
      <DescriptionCard draft={draft} />
      <PlaceCard
        draft={draft}
        place={place}
        places={community.places}
        myGrids={community.myGrids}
        chosenGrid={chosenGrid}
      />
      <AnonymousCard draft={draft} />
      {!filedFor.staffProxy && (
        <ProxyPicker
          scope="reports"
          value={filedFor.forPrincipal}
          onChange={filedFor.setForPrincipal}
          verb="上报"
          testId="report-for"
        />
      )}
      {isStaff && <StaffProxyCard filedFor={filedFor} />}
      <SubmitButton submitting={submitting} onSubmit={() => void submit()} />
    </>
  );
}
