/**
 * Remembers the last messages sent on a session's SSE streams so a client that lost its connection can
 * resume with Last-Event-ID (MCP resumability). Bounded: the oldest events are forgotten first, so a
 * session that never reconnects cannot grow memory.
 */
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface StoredEvent {
  readonly streamId: string;
  readonly message: JSONRPCMessage;
}

export class BoundedEventStore implements EventStore {
  /** insertion order is event order */
  private readonly events = new Map<string, StoredEvent>();
  private sequence = 0;

  constructor(private readonly maxEvents: number) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const eventId = String(++this.sequence);
    this.events.set(eventId, { streamId, message });
    if (this.events.size > this.maxEvents) this.events.delete(this.events.keys().next().value!);
    return eventId;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const last = this.events.get(lastEventId);
    if (!last) return '';
    let after = false;
    for (const [eventId, event] of this.events) {
      if (after && event.streamId === last.streamId) await send(eventId, event.message);
      if (eventId === lastEventId) after = true;
    }
    return last.streamId;
  }
}
