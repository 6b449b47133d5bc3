import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRIVACY_NOTICE_VERSION } from '../cloudfunctions/_core/domain/privacy';
import { resolveCaller } from '../cloudfunctions/_core/runtime/callers';
import { buildCatalogue } from '../cloudfunctions/_core/runtime/catalogue';
import { type Clock, systemClock } from '../cloudfunctions/_core/runtime/clock';
import type { FunctionDef, Notifier } from '../cloudfunctions/_core/runtime/define';
import { type CallDeps, dispatch } from '../cloudfunctions/_core/runtime/dispatch';
import type { Envelope } from '../cloudfunctions/_core/runtime/envelope';
import { newId } from '../cloudfunctions/_core/runtime/ids';
import { installRuntime, type Main } from '../cloudfunctions/_core/runtime/main';
import { withUploadRecords } from '../cloudfunctions/_core/runtime/uploads';
import { declaredCollections } from '../cloudfunctions/_core/store/collections';
import type { DocStore } from '../cloudfunctions/_core/store/docstore';
import { createEmbeddedStore } from '../cloudfunctions/_core/store/embedded';
import { INDEXES } from '../cloudfunctions/_core/store/indexes';
import { FUNCTION_DEFINITIONS } from '../cloudfunctions/registry';
import { createLocalFiles } from './files';
import { seedDemo } from './seed';
import { issueToken, verifyToken } from './tokens';

export interface LocalRuntimeOptions {
  /** Folder for the database file, uploads and the token secret; ':memory:' keeps everything in memory. */
  dataDir: string;
  clock?: Clock;
  seed?: boolean;
  log?: (line: Record<string, unknown>) => void;
  /** Wraps the store the functions see (tests inject transaction conflicts); seeding uses the plain one. */
  wrapStore?: <S extends DocStore>(store: S) => S;
}

/** What the gateway passes as the `context` of a local call; CloudBase passes its own. */
interface LocalContext {
  localDeps: CallDeps;
}

// The local runtime answers for every function in this process: deps travel in the call's context,
// so several runtimes (tests) can live side by side.
installRuntime({
  async depsFor(context) {
    const deps = (context as Partial<LocalContext> | undefined)?.localDeps;
    if (!deps) throw new Error('local call without local deps');
    return deps;
  },
});

export type LocalRuntime = Awaited<ReturnType<typeof createLocalRuntime>>;

export async function createLocalRuntime(options: LocalRuntimeOptions) {
  const inMemory = options.dataDir === ':memory:';
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const plainStore = createEmbeddedStore({
    file: inMemory ? ':memory:' : path.join(options.dataDir, 'gongzhi.sqlite'),
    indexes: INDEXES,
    collections: declaredCollections(),
  });
  const secret = inMemory ? randomBytes(32).toString('hex') : loadSecret(options.dataDir);
  const folderFiles = createLocalFiles(
    inMemory ? path.join(tmpdir(), `gongzhi-files-${process.pid}`) : path.join(options.dataDir, 'files'),
    { secret, now: () => clock.now().getTime() },
  );
  if (options.seed !== false) await seedDemo(plainStore, clock);
  const store = options.wrapStore ? options.wrapStore(plainStore) : plainStore;
  // Handlers, the gateway and tests all save through the upload records; only serving reads the folder.
  const files = {
    ...withUploadRecords(folderFiles, { store, clock }),
    read: folderFiles.read,
    verify: folderFiles.verify,
  };

  // The same entry points CloudBase runs: each function's index.ts `main`.
  const mains = new Map<string, Main>();
  for (const fn of FUNCTION_DEFINITIONS) {
    const entry = (await import(`../cloudfunctions/${fn.name}/index.ts`)) as { main: Main };
    mains.set(fn.name, entry.main);
  }
  const catalogue = buildCatalogue(FUNCTION_DEFINITIONS);

  // Locally, subscription messages are logged instead of sent; tests read `notifications`.
  const notifications: Array<{ kind: string; page: string | null; data: Record<string, { value: string }> }> = [];
  const notifier: Notifier = {
    async send({ kind, page, data }) {
      notifications.push({ kind, page, data });
      options.log?.({ level: 'info', notify: kind, page });
      return { ok: true };
    },
  };

  const depsFor = (openid: string | null, trigger?: 'timer'): CallDeps => ({
    ...(trigger ? { trigger } : {}),
    store,
    files,
    notifier,
    clock,
    newId,
    privacyVersion: PRIVACY_NOTICE_VERSION,
    log: options.log,
    resolveCaller: async () => (openid ? resolveCaller(store, openid, { clock, newId }) : null),
  });

  return {
    store,
    files,
    clock,
    catalogue,
    notifications,
    notifier,
    functionNames: [...mains.keys()],
    /**
     * Calls a function exactly as the gateway does; `openid` null means no signed-in caller. Only
     * the local scheduler passes `{trigger: 'timer'}` (as CloudBase's context marks its timer); the
     * gateway never does, whatever the request body says.
     */
    async invoke(
      name: string,
      event: unknown,
      openid: string | null,
      options: { trigger?: 'timer' } = {},
    ): Promise<Envelope<unknown>> {
      const main = mains.get(name);
      if (!main) return { ok: false, error: { code: 'NOT_FOUND', message: `云函数不存在：${name.slice(0, 64)}` } };
      const context: LocalContext = { localDeps: depsFor(openid, options.trigger) };
      return main(event, context);
    },
    /** Runs any function definition through the same dispatch and deps (the benchmark's baseline uses it). */
    invokeDefinition: (fn: FunctionDef, event: unknown, openid: string | null): Promise<Envelope<unknown>> =>
      dispatch(fn, event, depsFor(openid)),
    login: (openid: string): string => issueToken(secret, openid, clock.now().getTime()),
    verify: (token: string): string | null => verifyToken(secret, token, clock.now().getTime()),
    close: async (): Promise<void> => {
      await store.close?.();
    },
  };
}

function loadSecret(dataDir: string): string {
  const file = path.join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
