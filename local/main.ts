import path from 'node:path';
import { createLocalRuntime } from './runtime';
import { startScheduler } from './scheduler';
import { createGateway } from './server';

/** `npm start`: one process on 127.0.0.1 serving the h5 build, the functions and the embedded database. */
async function start(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(root, process.env.GONGZHI_DATA_DIR ?? '.data');
  const runtime = await createLocalRuntime({
    dataDir,
    log: process.env.GONGZHI_LOG === '1' ? (line) => console.log(JSON.stringify(line)) : undefined,
  });
  // Timer triggers (the SLA sweep…) run in-process, as CloudBase's cron would run them.
  const scheduler =
    process.env.GONGZHI_SCHEDULER === '0'
      ? null
      : startScheduler(runtime, undefined, (line) => {
          if (line.level === 'error' || process.env.GONGZHI_LOG === '1') console.log(JSON.stringify(line));
        });
  const server = createGateway({
    runtime,
    staticDir: path.join(root, 'dist-h5'),
    devLogin: process.env.GONGZHI_DEV_LOGIN !== '0',
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    console.log(`共治 local runtime: http://${host}:${actualPort}/  (data: ${dataDir})`);
  });
  const shutdown = (): void => {
    scheduler?.stop();
    server.close();
    void runtime.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
