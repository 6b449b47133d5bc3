/**
 * One builder of a fresh report: what reports.submit stores is newReportDoc's document (plus the
 * SLA sort keys and the case number), and the benchmark's template is built by the same function,
 * so the two can no longer drift apart field by field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateReport } from '../../bench/dataset';
import { newReportDoc } from '../../cloudfunctions/_core/domain/reports/new';
import { REPORT_COLLECTIONS, type ReportDoc } from '../../cloudfunctions/_core/domain/reports/types';
import { findCategory } from '../../cloudfunctions/reports/lib/access';
import { slaFields } from '../../cloudfunctions/reports/lib/changes';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { reportInput } from './reports.support';

describe('newReportDoc is the report reports.submit files', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await startTestRuntime();
  });
  afterEach(async () => {
    await t.close();
  });

  it('the stored report equals the builder’s document with its SLA keys and case number', async () => {
    const input = await reportInput(t);
    const filed = await t.as('demo-resident').ok('reports', 'submit', input);
    const stored = await t.runtime.store.get<ReportDoc & { caseNo: string }>(REPORT_COLLECTIONS.reports, filed.id);
    if (!stored) throw new Error('report not stored');
    const category = await findCategory(t.runtime.store, stored.category, stored.communityId);
    if (!category) throw new Error('category not found');
    const built = newReportDoc({
      id: stored._id,
      communityId: stored.communityId,
      gridId: stored.gridId,
      category,
      description: input.description,
      photos: input.photos,
      location: input.location,
      anonymous: false,
      reporterUserId: stored.reporterUserId,
      filedByUserId: null,
      at: stored.createdAt,
    });
    expect(stored).toEqual({ ...built, ...slaFields(built), caseNo: filed.caseNo });
  });

  it('the benchmark template has exactly the fields of a filed report', async () => {
    const filed = await t.as('demo-resident').ok('reports', 'submit', await reportInput(t));
    const stored = await t.runtime.store.get<ReportDoc>(REPORT_COLLECTIONS.reports, filed.id);
    const { caseNo: _caseNo, ...fields } = stored as ReportDoc & { caseNo: string };
    expect(Object.keys(templateReport('2026-01-05T01:00:00.000Z')).sort()).toEqual(Object.keys(fields).sort());
  });
});
