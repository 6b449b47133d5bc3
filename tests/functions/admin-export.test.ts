import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../cloudfunctions/_core/domain/figures/csv';
import { DEMO } from '../../local/seed';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { NOW, PERIOD, seedFigures } from './figures.support';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
  await seedFigures(t.runtime.store);
  t.clock.set(NOW);
});
afterAll(() => t.close());

describe('admin.export (CSV)', () => {
  it('quotes what must be quoted and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=1+1'],
          ['say "hi"', null],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x,y",\'=1+1\r\n"say ""hi""",\r\n');
  });

  it("exports the community's figures as on screen", async () => {
    const res = await t.as('demo-staff').ok('admin', 'export', {
      table: 'figures',
      scope: 'community',
      id: DEMO.communityA,
      ...PERIOD,
    });
    expect(res.filename).toBe('统计_潇湘社区_2027-03-01_2027-03-31.csv');
    const lines = res.text.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('类别,指标,数值');
    expect(lines).toContain('事项,上报总数,5');
    expect(lines).toContain('事项分类,环境卫生,2');
    expect(lines).toContain('事项,解决率(%),33.3');
    expect(lines).toContain('绿币,发放,100');
    expect(lines).toContain('议定事项,公共服务,2');
  });

  it('exports the audit trail and the ranking with the same limits as the screens', async () => {
    const audit = await t.as('demo-staff').ok('admin', 'export', { table: 'audit', communityId: DEMO.communityA });
    expect(audit.text.split('\r\n')[0]).toBe('\uFEFF时间,操作人,操作,对象,详情');
    // Files named as people know the place, not by its record id.
    expect(audit.filename).toBe('审计记录_潇湘社区.csv');
    const rank = await t.as('demo-staff').ok('admin', 'export', {
      table: 'gridworkers',
      communityId: DEMO.communityA,
      ...PERIOD,
    });
    expect(rank.text).toContain('排名,姓名,网格');
    expect(rank.filename).toBe('网格员评价_潇湘社区_2027-03-01_2027-03-31.csv');
    for (const payload of [
      { table: 'figures', scope: 'community', id: DEMO.communityB, ...PERIOD },
      { table: 'gridworkers', communityId: DEMO.communityB, ...PERIOD },
      { table: 'audit', communityId: DEMO.communityB },
    ] as const) {
      const res = await t.as('demo-staff').call('admin', 'export', payload);
      expect(res.ok ? 'ok' : res.error.code, payload.table).toBe('FORBIDDEN');
    }
  });

  it("refuses a table's missing fields", async () => {
    const res = await t
      .as('demo-staff')
      .call('admin', 'export', { table: 'figures', scope: 'community', id: DEMO.communityA });
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_INPUT');
    const audit = await t.as('demo-staff').call('admin', 'export', { table: 'audit' });
    expect(audit.ok ? 'ok' : audit.error.code).toBe('INVALID_INPUT');
  });
});
