import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * An event given as the JSON text the platform would deliver: nesting deeper than the test
 * worker's stack can serialise (the platform parses it, not this process).
 */
export class RawEvent {
  constructor(readonly json: string) {}
}

/**
 * Runs one built function bundle in a fresh process with the environment a CloudBase function
 * gets (the loopback's URL as its TCB context; for a call from the mini-program, the caller's
 * OPENID in WX_CONTEXT_KEYS, as the platform sets them) and answers what its `main` returned.
 */
export async function callBundle(
  file: string,
  loopbackUrl: string,
  event: unknown,
  openid: string | null,
  context: object = {},
): Promise<any> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    SCF_NAMESPACE: 'loopback-env',
    TENCENTCLOUD_SECRETID: 'fake-secret-id',
    TENCENTCLOUD_SECRETKEY: 'fake-secret-key',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: loopbackUrl }),
    ...(openid ? { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx-test-app' } : {}),
  };
  const { stdout } = await run(
    process.execPath,
    [
      path.join(__dirname, '../deploy/call-bundle.cjs'),
      path.resolve(file),
      event instanceof RawEvent ? event.json : JSON.stringify(event),
      JSON.stringify(context),
    ],
    { env },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result from ${file}: ${stdout}`);
  return JSON.parse(line.slice('RESULT '.length));
}
