import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readHold } from '../../cloudfunctions/_core/ledger';
import { createLocalRuntime } from '../../local/runtime';
import { expectLedgerInvariants } from './support';

const dataDir = mkdtempSync(path.join(tmpdir(), 'greencoin-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('kill -9 of the local runtime mid-load, restart, reconcile: nothing partial', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let ops = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/ops (\d+)/g)) ops = Number(match[1]);
      if (ops >= 60) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const runtime = await createLocalRuntime({ dataDir });
  try {
    await expectLedgerInvariants(runtime.store);
    const recon = await runtime.invoke('greencoin', { action: 'ledger.reconcile', payload: {} }, 'demo-admin');
    expect(recon).toMatchObject({ ok: true, data: { ok: true, total: 0 } });
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const stock = await runtime.invoke('greencoin', { action: 'stock.reconcile', payload: { month } }, 'demo-staff');
    expect(stock).toMatchObject({ ok: true, data: { consistent: true } });
    // Every request is whole: each open one holds its coins, each approved one has its posting.
    const all = await runtime.store.find<{ _id: string; status: string; holdId: string; postingId: string | null }>(
      'gc_redemptions',
      {},
      { limit: 1000 },
    );
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) {
      const hold = await readHold(runtime.store, r.holdId);
      expect(hold?.status).toBe(
        r.status === 'requested'
          ? 'pending'
          : r.status === 'approved' || r.status === 'picked_up'
            ? 'captured'
            : 'voided',
      );
      if (r.status === 'approved') expect(await runtime.store.get('ledger_entries', `${r.postingId}:0`)).not.toBeNull();
    }
  } finally {
    await runtime.close();
  }
}, 60_000);
