/**
 * A round-robin HTTP proxy with no stickiness (a stand-in for any plain load balancer): each request goes
 * to the next upstream in turn; an upstream that refuses the connection is skipped for the next one, as
 * a balancer's retry onto another upstream does. Streams are relayed as they come.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  readonly url: string;
  /** requests each upstream answered, by its /mcp URL */
  readonly answered: Map<string, number>;
  /** each request answered, in order: the upstream, the JSON-RPC method and the tool a tools/call named */
  readonly served: { upstream: string; method?: string; tool?: string }[];
  close(): Promise<void>;
}

export async function startRoundRobin(upstreams: readonly string[]): Promise<RoundRobin> {
  let turn = 0;
  const answered = new Map<string, number>(upstreams.map((upstream) => [upstream, 0]));
  const served: RoundRobin['served'] = [];
  const proxy: Server = createServer(async (incoming, outgoing) => {
    const body = Buffer.concat((await incoming.toArray()) as Buffer[]);
    const attempt = (tries: number): void => {
      const upstream = upstreams[turn++ % upstreams.length]!;
      const target = new URL(upstream);
      const headers = { ...incoming.headers, host: `${target.hostname}:${target.port}` };
      const relay = forward({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
        answered.set(upstream, answered.get(upstream)! + 1);
        served.push({ upstream, ...rpcOf(body) });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      relay.on('error', () => {
        if (outgoing.headersSent) outgoing.destroy();
        else if (tries + 1 < upstreams.length) attempt(tries + 1);
        else outgoing.writeHead(502).end();
      });
      relay.end(body);
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`,
    answered,
    served,
    close: () => {
      proxy.closeAllConnections();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}

function rpcOf(body: Buffer): { method?: string; tool?: string } {
  try {
    const message = JSON.parse(body.toString('utf8')) as { method?: string; params?: { name?: string } };
    return { ...(message.method ? { method: message.method } : {}), ...(message.method === 'tools/call' && message.params?.name ? { tool: message.params.name } : {}) };
  } catch {
    return {};
  }
}
