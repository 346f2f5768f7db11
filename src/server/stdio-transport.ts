/**
 * MCP over stdin/stdout with a bound on message size that refuses an oversized request and keeps serving.
 * The SDK's StdioServerTransport closes the whole connection when a line passes its 10 MB buffer (and
 * re-concatenates the buffer on every chunk); here an oversized line is skipped as it streams past,
 * and the request it carried gets a LIMIT_EXCEEDED answer: a tool error for tools/call, else a JSON-RPC error.
 */
import process from 'node:process';
import type { Readable, Writable } from 'node:stream';
import { deserializeMessage, serializeMessage, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/server';
import { CadenzaError } from '../core/errors.js';
import { toToolError, type ErrorLog } from '../mcp/tool-error.js';

const NEWLINE = 0x0a;
/** bytes kept from each end of an oversized line: enough to find its method and id */
const EDGE_BYTES = 512;
const INVALID_REQUEST = -32600;

export class BoundedStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private chunks: Buffer[] = [];
  private length = 0;
  private oversized: { head: Buffer; tail: Buffer } | undefined;
  private closed = false;
  private markEnded: () => void = () => undefined;
  /** settles once the transport has closed, whoever else listens on onclose (the SDK's entry owns that hook) */
  readonly ended = new Promise<void>((resolve) => (this.markEnded = resolve));

  constructor(
    private readonly maxMessageBytes: number,
    private readonly log: ErrorLog,
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
    this.stdin.on('end', this.onEnd);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(serializeMessage(message))) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    this.stdin.off('end', this.onEnd);
    this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
    this.markEnded();
  }

  private readonly onData = (chunk: Buffer): void => {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
      this.take(chunk.subarray(start, newline));
      this.finishLine();
      start = newline + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  };

  private readonly onStreamError = (error: Error): void => this.onerror?.(error);
  private readonly onEnd = (): void => void this.close();

  private take(part: Buffer): void {
    if (this.oversized) {
      this.oversized.tail = lastBytes(Buffer.concat([this.oversized.tail, lastBytes(part)]));
    } else if (this.length + part.length > this.maxMessageBytes) {
      const seen = Buffer.concat([...this.chunks, part.subarray(0, EDGE_BYTES)]);
      this.oversized = { head: seen.subarray(0, EDGE_BYTES), tail: lastBytes(part) };
      this.chunks = [];
    } else {
      this.chunks.push(part);
    }
    this.length += part.length;
  }

  private finishLine(): void {
    const { oversized, length } = this;
    const line = oversized ? '' : Buffer.concat(this.chunks, length).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.length = 0;
    this.oversized = undefined;
    if (oversized) return void this.refuseOversized(oversized.head.toString('utf8'), oversized.tail.toString('utf8'), length);
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch (error) {
      this.onerror?.(error as Error);
      return;
    }
    this.onmessage?.(message);
  }

  private async refuseOversized(head: string, tail: string, bytes: number): Promise<void> {
    const id = requestId(head, tail);
    const refusal = new CadenzaError('LIMIT_EXCEEDED', `The request is ${bytes} bytes; this server accepts messages up to ${this.maxMessageBytes} bytes.`, {
      hint: 'Import a large score by path (inside CADENZA_ALLOWED_ROOTS) instead of inline content, or raise CADENZA_MAX_INPUT_BYTES.',
    });
    this.onerror?.(new Error(refusal.message));
    if (id === undefined) return;
    const method = /"method"\s*:\s*"([^"]*)"/.exec(head)?.[1];
    await this.send(
      method === 'tools/call'
        ? { jsonrpc: '2.0', id, result: toToolError(refusal, 'tools/call', this.log) }
        : { jsonrpc: '2.0', id, error: { code: INVALID_REQUEST, message: refusal.message } },
    );
  }
}

function lastBytes(buffer: Buffer): Buffer {
  return buffer.length > EDGE_BYTES ? buffer.subarray(buffer.length - EDGE_BYTES) : buffer;
}

/** The id of a JSON-RPC request, found after its params (the SDK writes it last) or before them. */
function requestId(head: string, tail: string): string | number | undefined {
  const beforeParams = head.split('"params"')[0]!;
  const value = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*\}\s*$/.exec(tail)?.[1] ?? /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/.exec(beforeParams)?.[1];
  return value === undefined ? undefined : (JSON.parse(value) as string | number);
}
