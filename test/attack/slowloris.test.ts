/**
 * Slowloris (held in the attack run; the suite keeps it held): many connections dribbling their headers
 * a byte at a time do not stop the server answering everyone else.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectClient, startTestServer } from '../support/http-server.js';
import { baseOf, expectAlive } from './support.js';

const CONNECTIONS = 200;

describe('slowloris', () => {
  it(`keeps serving while ${CONNECTIONS} connections send their headers a byte at a time`, async () => {
    const server = await startTestServer({ CADENZA_STORE: 'memory' });
    const base = baseOf(server.url);
    const { hostname, port } = new URL(base);
    const sockets: Socket[] = [];
    for (let index = 0; index < CONNECTIONS; index += 1) {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      socket.write(`GET /api/scores HTTP/1.1\r\nHost: ${hostname}\r\n`);
      sockets.push(socket);
    }
    const drip = setInterval(() => sockets.forEach((socket) => socket.write('X')), 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expectAlive(base);
      const client = await connectClient(server.url);
      const listed = await client.callTool({ name: 'list_scores', arguments: {} });
      expect(listed.isError).toBeFalsy();
      await client.close();
    } finally {
      clearInterval(drip);
      sockets.forEach((socket) => socket.destroy());
      await server.running.stop();
    }
  });
});
