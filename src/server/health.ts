/** Liveness and readiness checks shared by /ready, /health/detailed and the health_check tool. */
import type { HealthCheck, HealthProbe, TenantUsage } from '../mcp/ports.js';

export interface HealthSources {
  /** store-wide totals; answering at all shows the store is reachable */
  readonly totals: () => Promise<TenantUsage>;
  /** damage the store found (failed integrity checks, scores whose checksum does not match); empty when sound */
  readonly problems: () => Promise<readonly string[]>;
  /** worker threads alive, or "in-process" when work runs on the main thread by configuration */
  readonly workers: () => number | 'in-process';
  readonly shuttingDown: () => boolean;
}

export class ServerHealth implements HealthProbe {
  constructor(private readonly sources: HealthSources) {}

  async checks(): Promise<readonly HealthCheck[]> {
    return [await this.storeCheck(), this.workersCheck(), this.lifecycleCheck()];
  }

  private async storeCheck(): Promise<HealthCheck> {
    try {
      const [totals, problems] = await Promise.all([this.sources.totals(), this.sources.problems()]);
      if (problems.length > 0) return { name: 'store', ok: false, message: `damaged: ${problems.join('; ')}` };
      return { name: 'store', ok: true, message: `reachable; ${totals.scores} scores, ${totals.bytes} bytes` };
    } catch (error) {
      return { name: 'store', ok: false, message: `unreachable: ${(error as Error).message}` };
    }
  }

  private workersCheck(): HealthCheck {
    const threads = this.sources.workers();
    if (threads === 'in-process') return { name: 'workers', ok: true, message: 'work runs in-process (CADENZA_WORKERS=0)' };
    return { name: 'workers', ok: threads > 0, message: `${threads} worker threads alive` };
  }

  private lifecycleCheck(): HealthCheck {
    const stopping = this.sources.shuttingDown();
    return { name: 'lifecycle', ok: !stopping, message: stopping ? 'shutting down' : 'accepting work' };
  }
}
