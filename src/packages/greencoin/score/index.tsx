import { Page } from '../../../components/Page';
import '../shared/greencoin.scss';
import { NoteStep, PendingReviews, PeopleStep, RubricStep } from './sections';
import { useScore } from './useScore';

/** 绿币评定 (staff): score a resident against the published rubric; review a colleague's large awards. */
export default function Score() {
  const s = useScore();
  return (
    <Page>
      <PeopleStep s={s} />
      <RubricStep s={s} />
      <NoteStep s={s} />
      <PendingReviews s={s} />
    </Page>
  );
}
