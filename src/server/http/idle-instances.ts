/**
 * Idle McpServer instances for the stateless HTTP handler, which asks for an instance per request: building
 * one registers every tool, resource, prompt and task method again, which cost more CPU than the rest of
 * an `analyze_key` call (bench/http-load.mjs, profiled). The SDK serves an exchange on an instance and
 * closes it; a closed instance may be connected again (`Server.connect` resets what the last exchange bound).
 *
 * Only 2026-07-28 instances are kept: each such request carries the client's version, identity and
 * capabilities in its own `_meta`, which the handler seeds onto the instance before it serves. A 2025-era
 * exchange may `initialize` its instance, whose state would then outlive the request, so those are never
 * reused. An instance goes back only once its exchange closed; the client's identity is cleared first.
 * Handlers still running after a close cannot reach the next exchange: the SDK sends a response through
 * the transport it captured when the request came in and drops it once the request was aborted, and
 * Cadenza's tool calls send no notification after their signal fired (mcp/server.ts).
 */
import type { McpServer } from '@modelcontextprotocol/server';

/** what a closed exchange leaves on the low-level server: the client it served */
interface ClientIdentity {
  _clientCapabilities?: unknown;
  _clientVersion?: unknown;
}

export class IdleInstances {
  private readonly idle: McpServer[] = [];

  /** @param max idle instances kept; beyond it a closed instance is left to the garbage collector */
  constructor(private readonly build: () => McpServer, private readonly max: number) {}

  /** an idle instance, or a new one when none is idle */
  take(): McpServer {
    return this.idle.pop() ?? this.fresh();
  }

  /** how many wait to be reused (tests) */
  get size(): number {
    return this.idle.length;
  }

  private fresh(): McpServer {
    const instance = this.build();
    // the handler wraps onclose for each exchange and restores this one after it: it runs once per exchange
    instance.server.onclose = () => this.release(instance);
    return instance;
  }

  private release(instance: McpServer): void {
    const identity = instance.server as unknown as ClientIdentity;
    identity._clientCapabilities = undefined;
    identity._clientVersion = undefined;
    if (this.idle.length < this.max) this.idle.push(instance);
  }
}
