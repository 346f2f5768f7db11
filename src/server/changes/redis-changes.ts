/**
 * Score changes shared by replicas through Redis pub/sub: a change is published once on one channel and
 * every replica (this one included) delivers it to its own listeners of that tenant. Pub/sub keeps
 * nothing: a replica that is disconnected at that moment misses the change, which is why a listener
 * re-reads the score after it reconnects rather than trusting it saw every change.
 */
import type { Redis } from 'ioredis';
import type { ScoreChangeListener } from '../../mcp/score-changes.js';
import { LocalScoreChanges, type ScoreChangeHub } from './local-changes.js';

interface ChangeMessage {
  readonly tenantId: string;
  readonly scoreId: string;
}

export class RedisScoreChanges implements ScoreChangeHub {
  private readonly local: LocalScoreChanges;
  private readonly channel: string;
  private readonly subscribed: Promise<unknown>;

  /**
   * @param publisher a connection for commands (shared)
   * @param subscriber a connection of its own: a subscribed Redis connection can send no other command
   */
  constructor(private readonly publisher: Redis, private readonly subscriber: Redis, prefix: string, private readonly onError: (error: unknown) => void) {
    this.local = new LocalScoreChanges(onError);
    this.channel = `${prefix}score-changes`;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.deliver(text);
    });
    this.subscribed = subscriber.subscribe(this.channel).catch(onError);
  }

  /** resolves once this replica hears the channel (tests wait for it before changing a score) */
  ready(): Promise<unknown> {
    return this.subscribed;
  }

  listen(tenantId: string, listener: ScoreChangeListener): () => void {
    return this.local.listen(tenantId, listener);
  }

  announce(tenantId: string, scoreId: string): void {
    const message: ChangeMessage = { tenantId, scoreId };
    this.publisher.publish(this.channel, JSON.stringify(message)).catch(this.onError);
  }

  get size(): number {
    return this.local.size;
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private deliver(text: string): void {
    let message: Partial<ChangeMessage>;
    try {
      message = JSON.parse(text) as Partial<ChangeMessage>;
    } catch (error) {
      return this.onError(error);
    }
    if (typeof message.tenantId === 'string' && typeof message.scoreId === 'string') this.local.announce(message.tenantId, message.scoreId);
  }
}
