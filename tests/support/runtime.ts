import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MESSAGE_COLLECTIONS, type MessageDoc, messageCut } from '../../cloudfunctions/_core/domain/messages';
import { COLLECTIONS } from '../../cloudfunctions/_core/domain/people';
import { ERASED_NICKNAME } from '../../cloudfunctions/_core/domain/privacy';
import { TB_COLLECTIONS } from '../../cloudfunctions/_core/domain/timebank';
import { ManualClock } from '../../cloudfunctions/_core/runtime/clock';
import { withInjectedConflicts } from '../../cloudfunctions/_core/store/conflicts';
import { type DocStore, MAX_PAGE_SIZE, type StoredDoc } from '../../cloudfunctions/_core/store/docstore';
import type { ActionInput, ActionName, ActionOutput, Envelope, FunctionName } from '../../cloudfunctions/api';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';

export interface Session {
  /** The raw envelope, for asserting error codes. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    payload: ActionInput<F, A> | Record<string, unknown>,
  ): Promise<Envelope<ActionOutput<F, A>>>;
  /** The data of a call that must succeed; throws with the code and message otherwise. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    payload: ActionInput<F, A>,
  ): Promise<ActionOutput<F, A>>;
}

export interface TestRuntime {
  runtime: LocalRuntime;
  /** Every log line the functions wrote (JSON); scanned for personal data on close. */
  logLines: string[];
  clock: ManualClock;
  /** A session for a persona (or any openid; unknown ones become fresh users), null for no caller. */
  as(openid: string | null): Session;
  close(): Promise<void>;
}

/**
 * `GONGZHI_INJECT_CONFLICTS=1` (the second pass of `npm test`): every transaction a handler runs
 * fails once with DATABASE_TRANSACTION_CONFLICT at commit, after all its writes, so each suite's
 * assertions also prove that every transaction it reaches rolls back and retries cleanly.
 */
export const INJECTING_CONFLICTS = process.env.GONGZHI_INJECT_CONFLICTS === '1';

/** Where the conflict pass leaves the actions whose transactions it failed and retried. */
export const CONFLICT_PASS_DIR = path.resolve('.build/conflict-pass');

const currentAction = new AsyncLocalStorage<string>();

/** The real runtime (real handlers, real embedded store in memory), seeded, with a controllable clock. */
export async function startTestRuntime(options: { seed?: boolean; dataDir?: string } = {}): Promise<TestRuntime> {
  const clock = new ManualClock();
  const retried = new Set<string>();
  const logLines: string[] = [];
  const runtime = await createLocalRuntime({
    dataDir: options.dataDir ?? ':memory:',
    clock,
    seed: options.seed,
    log: (line) => logLines.push(JSON.stringify(line)),
    wrapStore: INJECTING_CONFLICTS
      ? (store) =>
          withInjectedConflicts(store, {
            everyNth: 1,
            maxPerTransaction: 1,
            atCommitAfterWrites: true,
            onInject: () => retried.add(currentAction.getStore() ?? '(outside an action)'),
          })
      : undefined,
  });
  const invoke = (fn: string, action: string, payload: unknown, openid: string | null) =>
    currentAction.run(`${fn}.${action}`, () => runtime.invoke(fn, { action, payload }, openid));
  const as = (openid: string | null): Session => ({
    call: (fn, action, payload) => invoke(fn, action, payload, openid) as never,
    async ok(fn, action, payload) {
      const result = await invoke(fn, action, payload, openid);
      if (!result.ok)
        throw new Error(`${fn}.${String(action)} as ${openid}: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
  });
  const close = async () => {
    try {
      // Every suite doubles as a log scan: nothing a person is known by may reach a log line.
      const leaks = findPersonalData(logLines, await personalValues(runtime.store));
      if (leaks.length > 0) throw new Error(`personal data in logs: ${leaks.slice(0, 3).join(' | ')}`);
      // And a message scan: whatever a suite's handlers told a person is a whole sentence.
      const cut = await cutMessages(runtime.store);
      if (cut.length > 0) throw new Error(`messages cut short: ${cut.slice(0, 3).join(' | ')}`);
    } finally {
      if (retried.size > 0) {
        mkdirSync(CONFLICT_PASS_DIR, { recursive: true });
        const file = path.join(
          CONFLICT_PASS_DIR,
          `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
        );
        writeFileSync(file, JSON.stringify([...retried]));
      }
      await runtime.close();
    }
  };
  return { runtime, clock, as, close, logLines };
}

/** Every stored message that is not a complete text (messageCut), as `kind: reason`. */
async function cutMessages(store: DocStore): Promise<string[]> {
  const cut: string[] = [];
  for (let skip = 0; ; skip += MAX_PAGE_SIZE) {
    const page = await store.find<MessageDoc>(
      MESSAGE_COLLECTIONS.messages,
      {},
      { orderBy: [['_id', 'asc']], skip, limit: MAX_PAGE_SIZE },
    );
    for (const message of page) {
      const problem = messageCut(message);
      if (problem) cut.push(`${message.kind}: ${problem}`);
    }
    if (page.length < MAX_PAGE_SIZE) break;
  }
  return cut;
}

/** Phones, real names and nicknames held by the store: what must never appear in a log. */
async function personalValues(store: DocStore): Promise<string[]> {
  const values = new Set<string>();
  for (const collection of [COLLECTIONS.users, TB_COLLECTIONS.volunteers]) {
    for (let skip = 0; ; skip += MAX_PAGE_SIZE) {
      const page = await store.find<StoredDoc & Record<string, unknown>>(
        collection,
        {},
        { orderBy: [['_id', 'asc']], skip, limit: MAX_PAGE_SIZE },
      );
      for (const doc of page) {
        for (const field of ['phone', 'realName', 'nickname']) {
          const value = doc[field];
          if (typeof value === 'string' && value.length >= 2 && value !== ERASED_NICKNAME) values.add(value);
        }
      }
      if (page.length < MAX_PAGE_SIZE) break;
    }
  }
  return [...values];
}

/** The log lines that contain any of the values (exported for the scan's own test). */
export function findPersonalData(lines: readonly string[], values: readonly string[]): string[] {
  return lines.filter((line) => values.some((value) => line.includes(value)));
}
