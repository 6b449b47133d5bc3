import type { AddressInfo } from 'node:net';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { createGateway, type GatewayOptions } from '../../local/server';

export interface RunningGateway {
  url: string;
  runtime: LocalRuntime;
  login(openid: string): Promise<string>;
  /** POST /api/functions/<name>; returns status and parsed body. */
  invoke(name: string, event: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The real HTTP gateway on an ephemeral loopback port. */
export async function startGateway(
  options: { dataDir?: string } & Partial<Pick<GatewayOptions, 'devLogin' | 'rateLimitPerSecond' | 'staticDir'>> = {},
): Promise<RunningGateway> {
  const runtime = await createLocalRuntime({ dataDir: options.dataDir ?? ':memory:' });
  const server = createGateway({
    runtime,
    devLogin: options.devLogin ?? true,
    rateLimitPerSecond: options.rateLimitPerSecond ?? 1000,
    staticDir: options.staticDir,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    url,
    runtime,
    async login(openid) {
      const { body } = await post('/api/dev/login', { openid });
      if (!body.token) throw new Error(`login failed: ${JSON.stringify(body)}`);
      return body.token as string;
    },
    invoke: (name, event, token) => post(`/api/functions/${name}`, event, token),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
