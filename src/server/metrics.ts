/**
 * Prometheus metrics (prom-client) on a registry of our own, so tests can build several servers in one
 * process. Names follow Prometheus conventions: cadenza_ prefix, _total counters, _seconds histograms.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly toolCalls: Counter<'tool' | 'outcome'>;
  readonly toolSeconds: Histogram<'tool'>;
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly inFlight: Gauge;
  readonly authFailures: Counter<'reason'>;
  readonly rateLimited: Counter<'scope'>;
  readonly workerCache: Counter<'result'>;
  readonly storeCache: Counter<'result'>;
}

export interface GaugeSources {
  readonly queueDepth: () => number;
  readonly workerUtilization: () => number;
  readonly workerThreads: () => number;
  readonly storedScores: () => Promise<{ scores: number; bytes: number }>;
  readonly cachedBytes: () => number;
}

/** createMetrics(sources) → counters and histograms to update, plus gauges read at scrape time */
export function createMetrics(sources: GaugeSources): Metrics {
  const registry = new Registry();
  // process and runtime metrics, including nodejs_eventloop_lag_* from monitorEventLoopDelay
  collectDefaultMetrics({ register: registry, prefix: 'cadenza_', eventLoopMonitoringPrecision: 10 });
  const registers = [registry];
  new Gauge({ name: 'cadenza_worker_queue_depth', help: 'Tasks waiting for a worker thread.', registers, collect() { this.set(sources.queueDepth()); } });
  new Gauge({ name: 'cadenza_worker_utilization_ratio', help: 'Share of worker capacity used since start.', registers, collect() { this.set(sources.workerUtilization()); } });
  new Gauge({ name: 'cadenza_worker_threads', help: 'Worker threads alive.', registers, collect() { this.set(sources.workerThreads()); } });
  // an unreachable store leaves these gauges at their last value; readiness reports the outage
  const totals = async () => sources.storedScores().catch(() => undefined);
  new Gauge({ name: 'cadenza_store_scores', help: 'Scores kept, all tenants.', registers, async collect() { const t = await totals(); if (t) this.set(t.scores); } });
  new Gauge({ name: 'cadenza_store_bytes', help: 'Bytes of stored scores, all tenants.', registers, async collect() { const t = await totals(); if (t) this.set(t.bytes); } });
  new Gauge({ name: 'cadenza_store_cache_bytes', help: 'Bytes of scores in the in-process store cache.', registers, collect() { this.set(sources.cachedBytes()); } });
  return {
    registry,
    toolCalls: new Counter({ name: 'cadenza_tool_calls_total', help: 'Tool calls by tool and outcome (ok or an error code).', labelNames: ['tool', 'outcome'], registers }),
    toolSeconds: new Histogram({
      name: 'cadenza_tool_duration_seconds',
      help: 'Tool call latency inside the server.',
      labelNames: ['tool'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    httpRequests: new Counter({ name: 'cadenza_http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers }),
    inFlight: new Gauge({ name: 'cadenza_http_in_flight_requests', help: 'MCP requests being served.', registers }),
    authFailures: new Counter({ name: 'cadenza_auth_failures_total', help: 'Rejected credentials by reason.', labelNames: ['reason'], registers }),
    rateLimited: new Counter({ name: 'cadenza_rate_limited_total', help: 'Requests refused by a limit, by scope.', labelNames: ['scope'], registers }),
    storeCache: new Counter({ name: 'cadenza_store_cache_lookups_total', help: 'Score reads answered by the in-process cache (hit) or the store (miss).', labelNames: ['result'], registers }),
    workerCache: new Counter({ name: 'cadenza_worker_cache_lookups_total', help: 'Score lookups in worker caches, hit or miss.', labelNames: ['result'], registers }),
  };
}
