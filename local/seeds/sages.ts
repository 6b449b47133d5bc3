import {
  type AppointmentDoc,
  SAGE_COLLECTIONS,
  type StationDoc,
  termEnd,
} from '../../cloudfunctions/_core/domain/sages';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

const STATIONS: StationDoc[] = [
  {
    _id: 'station-xiaoxiang',
    communityId: 'community-xiaoxiang',
    name: '潇湘社区乡贤监督工作站',
    address: '潇湘社区党群服务中心二楼',
  },
  {
    _id: 'station-xiaoxiang-market',
    communityId: 'community-xiaoxiang',
    name: '潇湘农贸市场乡贤监督点',
    address: '潇湘农贸市场管理办公室旁',
  },
  {
    _id: 'station-cuifeng',
    communityId: 'community-cuifeng',
    name: '翠峰社区乡贤监督工作站',
    address: '翠峰社区居委会一楼',
  },
];

/**
 * Stations, and the appointment that stands behind the demo 乡贤 persona's role: every sage grant
 * has a recorded decision, including the seeded one.
 */
export async function seedSages(store: DocStore, clock: Clock): Promise<void> {
  for (const station of STATIONS) await store.insert(SAGE_COLLECTIONS.stations, station);
  const start = new Date(clock.now().getTime() - 200 * 86_400_000).toISOString();
  const end = termEnd(start, 3);
  const appointment: AppointmentDoc = {
    _id: 'appointment-demo-sage',
    communityId: 'community-xiaoxiang',
    userId: 'user-sage',
    applicationId: null,
    stationId: 'station-xiaoxiang',
    decisionNo: '南街发〔2025〕8 号',
    termStart: start,
    termEnd: end,
    status: 'active',
    removedReason: null,
    history: [{ at: start, byUserId: 'user-admin', kind: 'appoint', reason: '首批乡贤监督员选任', termEnd: end }],
    updatedAt: start,
  };
  await store.insert(SAGE_COLLECTIONS.appointments, appointment);
}
