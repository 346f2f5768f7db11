import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BoundedStdioTransport } from '../../src/server/stdio-transport.js';

function setup(maxMessageBytes: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const transport = new BoundedStdioTransport(maxMessageBytes, { error: () => undefined }, stdin, stdout);
  const received: unknown[] = [];
  const errors: string[] = [];
  transport.onmessage = (message) => received.push(message);
  transport.onerror = (error) => errors.push(error.message);
  const replies = (): unknown[] => {
    const text = String(stdout.read() ?? '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
  };
  return { stdin, transport, received, errors, replies };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BoundedStdioTransport', () => {
  it('delivers messages split across chunks and several per chunk', async () => {
    const { stdin, transport, received } = setup(1024);
    await transport.start();
    stdin.write('{"jsonrpc":"2.0","method":"ping","id":1}\n{"jsonrpc":"2.0",');
    stdin.write('"method":"ping","id":2}\r\n');
    await tick();
    expect(received).toEqual([{ jsonrpc: '2.0', method: 'ping', id: 1 }, { jsonrpc: '2.0', method: 'ping', id: 2 }]);
  });

  it('answers an oversized tools/call with a LIMIT_EXCEEDED tool error and keeps serving', async () => {
    const { stdin, transport, received, errors, replies } = setup(1000);
    await transport.start();
    const big = JSON.stringify({ method: 'tools/call', params: { name: 'import_score', arguments: { content: 'x'.repeat(5000) } }, jsonrpc: '2.0', id: 7 });
    for (let at = 0; at < big.length; at += 300) stdin.write(big.slice(at, at + 300));
    stdin.write('\n{"jsonrpc":"2.0","method":"ping","id":8}\n');
    await tick();
    const [reply] = replies() as { id: number; result: { isError: boolean; content: { text: string }[] } }[];
    expect(reply!.id).toBe(7);
    expect(reply!.result.isError).toBe(true);
    expect(reply!.result.content[0]!.text).toMatch(/^LIMIT_EXCEEDED: The request is \d+ bytes/);
    expect(received).toEqual([{ jsonrpc: '2.0', method: 'ping', id: 8 }]);
    expect(errors).toHaveLength(1);
  });

  it('answers other oversized requests with a JSON-RPC error', async () => {
    const { stdin, transport, replies } = setup(100);
    await transport.start();
    stdin.write(`{"jsonrpc":"2.0","id":"a-1","method":"resources/read","params":{"uri":"${'y'.repeat(500)}"}}\n`);
    await tick();
    expect(replies()).toEqual([{ jsonrpc: '2.0', id: 'a-1', error: { code: -32600, message: expect.stringMatching(/accepts messages up to 100 bytes/) } }]);
  });

  it('reports a line that is not JSON-RPC and goes on', async () => {
    const { stdin, transport, received, errors } = setup(1024);
    await transport.start();
    stdin.write('not json\n{"jsonrpc":"2.0","method":"ping","id":3}\n');
    await tick();
    expect(errors).toHaveLength(1);
    expect(received).toHaveLength(1);
  });

  it('closes when stdin ends', async () => {
    const { stdin, transport } = setup(1024);
    let closed = false;
    transport.onclose = () => (closed = true);
    await transport.start();
    stdin.end();
    await tick();
    expect(closed).toBe(true);
  });
});
