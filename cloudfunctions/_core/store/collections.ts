/**
 * The collections the functions use: the one declaration that `npm run db:apply` creates in
 * CloudBase and that the embedded store checks every write against (CloudBase answers a write to
 * a collection that does not exist with DATABASE_COLLECTION_NOT_EXIST, so a collection missing here
 * must fail locally too, not first in production). Add a context's collections where it declares them.
 */
import { AUDIT_COLLECTION } from '../domain/audit';
import { DELIBERATION_COLLECTIONS } from '../domain/deliberation/model';
import { COUNTER_COLLECTIONS } from '../domain/figures/counters';
import { ROLLUP_COLLECTIONS } from '../domain/figures/rollups';
import { GC_COLLECTIONS } from '../domain/greencoin';
import { MESSAGE_COLLECTIONS, NOTIFY_COLLECTIONS } from '../domain/messages';
import { MOVE_COLLECTIONS } from '../domain/moves';
import { COLLECTIONS as PEOPLE_COLLECTIONS } from '../domain/people';
import { PROXY_COLLECTIONS } from '../domain/proxy';
import { REPORT_COLLECTIONS } from '../domain/reports/types';
import { SAFETY_COLLECTIONS } from '../domain/safety';
import { SAGE_COLLECTIONS } from '../domain/sages';
import { SERVICE_COLLECTIONS } from '../domain/services';
import { TB_COLLECTIONS } from '../domain/timebank';
import { TIP_COLLECTIONS } from '../domain/tips';
import { UPLOAD_COLLECTIONS } from '../domain/uploads';
import { IDEMPOTENCY_COLLECTION } from '../idempotency';
import { LEDGER_COLLECTIONS } from '../ledger';
import { CAP_COLLECTION } from '../runtime/caps';
import { GUESS_COLLECTION } from '../runtime/guesses';
import { INDEXES } from './indexes';

/** Every declared collection, sorted. */
export function declaredCollections(): string[] {
  const named = [
    AUDIT_COLLECTION,
    ...Object.values(PEOPLE_COLLECTIONS),
    ...Object.values(MESSAGE_COLLECTIONS),
    ...Object.values(NOTIFY_COLLECTIONS),
    ...Object.values(PROXY_COLLECTIONS),
    ...Object.values(REPORT_COLLECTIONS),
    ...Object.values(GC_COLLECTIONS),
    ...Object.values(LEDGER_COLLECTIONS),
    IDEMPOTENCY_COLLECTION,
    CAP_COLLECTION,
    GUESS_COLLECTION,
    ...Object.values(TB_COLLECTIONS),
    ...Object.values(DELIBERATION_COLLECTIONS),
    ...Object.values(SAFETY_COLLECTIONS),
    ...Object.values(MOVE_COLLECTIONS),
    ...Object.values(UPLOAD_COLLECTIONS),
    ...Object.values(SERVICE_COLLECTIONS),
    ...Object.values(TIP_COLLECTIONS),
    ...Object.values(SAGE_COLLECTIONS),
    ...Object.values(COUNTER_COLLECTIONS),
    ...Object.values(ROLLUP_COLLECTIONS),
  ];
  return [...new Set([...named, ...INDEXES.map((index) => index.collection)])].sort();
}
