import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../cloudfunctions/_core/runtime/catalogue';
import { MAX_PAGE_SIZE } from '../../cloudfunctions/_core/store/docstore';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../cloudfunctions/api';
import { FUNCTION_DEFINITIONS } from '../../cloudfunctions/registry';
import { flatten } from '../support/catalogue';

/** An array of records (each names a document or a person), which grows with the data. */
type RecordArray<V> =
  NonNullable<V> extends readonly (infer E)[]
    ? E extends { _id: unknown } | { id: unknown } | { userId: unknown }
      ? true
      : never
    : never;

/** Keys of T holding a list (`items` by convention, or any array of records). */
type ArrayKeys<T> = [RecordArray<T>] extends [never]
  ? T extends object
    ? {
        [K in keyof T]-?: K extends 'items'
          ? NonNullable<T[K]> extends readonly unknown[]
            ? K
            : never
          : [RecordArray<T[K]>] extends [never]
            ? never
            : K;
      }[keyof T]
    : never
  : '(root)';

/** `fn.action` for every action that answers with an array but takes no `limit`. */
type Unpaged = {
  [F in FunctionName]: {
    [A in ActionName<F>]: [ArrayKeys<Awaited<ActionOutput<F, A>>>] extends [never]
      ? never
      : [Extract<keyof NonNullable<ActionInput<F, A>>, 'limit'>] extends [never]
        ? `${F}.${A}`
        : never;
  }[ActionName<F>];
}[FunctionName];

/**
 * Arrays bounded by something other than a page: each reason says what bounds it. Adding an
 * action here needs that reason; anything else that returns an array must take `limit`.
 */
const BOUNDED_BY_DESIGN = {
  'deliberation.meeting.create': 'the agenda: at most 20 items (meeting.create schema)',
  'deliberation.meeting.publish': 'the agenda: at most 20 items (meeting.create schema)',
  'deliberation.meeting.get': 'the agenda: at most 20 items (meeting.create schema)',
  'admin.gridworkers.rank': 'one full-time worker per grid; admin.grid.save caps grids at MAX_GRIDS_PER_COMMUNITY',
  'reports.workers': 'one full-time worker per grid; admin.grid.save caps grids at MAX_GRIDS_PER_COMMUNITY',
  'reports.categories.list': 'seven defaults + categories.add caps custom ones at MAX_CUSTOM_CATEGORIES',
  'reports.duplicates': 'the 5 nearest reports',
  'reports.places': 'one community’s grids: admin.grid.save caps them at MAX_GRIDS_PER_COMMUNITY',
  'greencoin.ledger.public': '12 months of totals and the 20 latest issuer entries',
  'timebank.service.list': 'service.save caps a community’s services at MAX_SERVICES_PER_COMMUNITY',
  'identity.exportMyData': 'two accounts, and at most 500 records per kind with each kind’s total',
  'admin.assignments': 'one community’s grid-worker assignments, at most 500 read (MAX_ASSIGNMENTS)',
  'safety.criteria': 'criteria.save caps criteria at 20; the community’s grids, at most 200 read; five unit types',
  'safety.preview': 'one item per criterion: criteria.save caps them at 20',
  'safety.unit': 'the 20 latest scorecards of one unit (one evaluation a year)',
  'timebank.attendance.confirmBatch': 'one answer per line sent: the schema takes at most 100 lines',
  'services.catalogue': 'the city fixes 12 + 16 + 18 items per community; at most 200 read',
  'sages.standards': 'five published standards, the procedure, and a community’s stations (at most 20 read)',
  'sages.mine': 'one person’s applications and terms, at most 20 of each (one open application at a time)',
  'tips.schemes': 'three published schemes, each with four levels',
  'tips.detail': 'one tip with its scheme’s four published levels',
  'services.figures': 'one row per item of the community (at most 200), each from at most 1000 applications',
} as const satisfies Record<string, string>;

// Compile-time budget (tsc runs in `npm test`): if an action returns an array without taking a
// `limit`, this line fails to typecheck and names it.
type Offenders = Exclude<Unpaged, keyof typeof BOUNDED_BY_DESIGN>;
const noUnpagedLists: [Offenders] extends [never] ? true : Offenders = true;

describe('list actions are paged', () => {
  const entries = flatten(buildCatalogue(FUNCTION_DEFINITIONS));

  it('has no unpaged list action (checked by the type above)', () => {
    expect(noUnpagedLists).toBe(true);
  });

  it.each(entries.map((e) => [`${e.fn}.${e.action}`, e] as const))(
    '%s: a limit, when taken, is bounded and has a default',
    (_name, entry) => {
      const schema = entry.inputSchema as { properties?: Record<string, { maximum?: number; default?: unknown }> };
      const limit = schema.properties?.limit;
      if (!limit) return;
      expect(limit.maximum, 'limit needs a maximum').toBeDefined();
      expect(limit.maximum).toBeLessThanOrEqual(MAX_PAGE_SIZE);
      expect(
        limit.default,
        'limit needs a default so a client that omits it still gets a bounded answer',
      ).toBeDefined();
    },
  );
});
