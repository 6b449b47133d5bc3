import { describe, expect, it } from 'vitest';
import { journeyApp } from './journey';
import type { Weapp } from './runtime';
import { USER_DATA_PATH } from './wx';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('数据看板 in the weapp: 导出表格 writes a file in the user folder and sends it to a chat', () => {
  let weapp: Weapp;
  journeyApp({ persona: 'demo-staff' }, { name: 'export', journey: '导出表格' }, (app) => {
    weapp = app;
  });

  // The first export row is the figures table's (data-* attributes do not reach the weapp view).
  const figuresRow = () => weapp.find('.main--export-row')[0] as HTMLElement;

  it('the first tap fetches the table and writes it under USER_DATA_PATH: BOM, then the Chinese headers', async () => {
    await weapp.open('packages/admin/dashboard/index');
    await weapp.waitForText('导出表格');
    await weapp.tapIn(figuresRow(), '导出表格');
    await weapp.waitForText('发送到微信聊天');
    expect(weapp.record.calls).toContainEqual({ name: 'admin', action: 'export' });
    const written = [...weapp.record.files.entries()];
    expect(written).toHaveLength(1);
    const [filePath, bytes] = written[0] as [string, Buffer];
    // A plain-character name inside the user data folder; the Chinese name travels with the share.
    expect(filePath).toMatch(new RegExp(`^${USER_DATA_PATH}/export-\\d+\\.csv$`));
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
    expect(header).toBe('类别,指标,数值');
    expect(rows.some((r) => r.startsWith('事项,上报总数,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('绿币,发放,'))).toBe(true);
    // Nothing was sent yet: sending needs its own tap.
    expect(weapp.record.shared).toHaveLength(0);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已生成，请发送到聊天');
  });

  it('the second tap sends it to a chat with its Chinese file name, the same bytes', async () => {
    await weapp.tapIn(figuresRow(), '发送到微信聊天');
    await weapp.waitForText('发送到微信聊天');
    expect(weapp.record.shared).toHaveLength(1);
    const sent = weapp.record.shared[0];
    expect(sent?.fileName).toMatch(/^统计_潇湘社区_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(sent?.bytes.equals(weapp.record.files.get(sent.filePath) as Buffer)).toBe(true);
    expect(weapp.record.toasts.map((t) => t.title)).toContain('已发送');
  });

  it('what WeChat refuses, the simulated wx refuses too', async () => {
    const wx = (globalThis as any).wx;
    const fs = wx.getFileSystemManager();
    // Outside the user folder, or into a folder that does not exist.
    expect(() => fs.writeFileSync('/tmp/x.csv', 'a', 'utf8')).toThrow(/permission denied/);
    expect(() => fs.writeFileSync(`${USER_DATA_PATH}/no/x.csv`, 'a', 'utf8')).toThrow(/no such file or directory/);
    // openDocument cannot open a CSV (its fileType list has no csv).
    const [path] = [...weapp.record.files.keys()];
    await expect(wx.openDocument({ filePath: path })).rejects.toMatchObject({
      errMsg: 'openDocument:fail filetype not supported',
    });
    await expect(wx.openDocument({ filePath: path, fileType: 'csv' })).rejects.toMatchObject({
      errMsg: 'openDocument:fail filetype not supported',
    });
    // shareFileMessage outside a tap (here: from test code, as after an await) is refused.
    await expect(wx.shareFileMessage({ filePath: path })).rejects.toMatchObject({
      errMsg: 'shareFileMessage:fail can only be invoked by user TAP gesture.',
    });
    expect(weapp.record.shared).toHaveLength(1);
  });
});
