/**
 * Admission control before any MCP work: per-IP and per-tenant request rates (rate-limiter-flexible),
 * concurrent requests per tenant, and a global bulkhead. Refusals are immediate, with Retry-After, so an
 * overloaded server sheds load instead of queueing it.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { tenantOfAuth } from '../auth/verifier.js';
import { rateSubject, redisKeys } from '../store/keys.js';

export interface LimitOptions {
  /** requests per second (and burst) */
  readonly ratePerIp: number;
  readonly ratePerTenant: number;
  readonly tenantConcurrency: number;
  readonly maxConcurrency: number;
  readonly onRefused: (scope: 'ip' | 'tenant' | 'tenant_concurrency' | 'global_concurrency') => void;
  /** counters shared by replicas; without it each process counts alone */
  readonly redis?: { readonly client: Redis; readonly prefix: string };
}

/** A per-second limiter in Redis when replicas share one (with an in-memory stand-in while Redis is away), else in memory. */
function limiter(options: LimitOptions, points: number, name: string): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 1 });
  if (!options.redis) return memory;
  return new RateLimiterRedis({ storeClient: options.redis.client, keyPrefix: redisKeys(options.redis.prefix).rate(name), points, duration: 1, insuranceLimiter: memory });
}

export function rateLimitByIp(options: LimitOptions) {
  const perIp = limiter(options, options.ratePerIp, 'ip');
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (await admitted(perIp, request.ip ?? 'unknown', response)) return next();
    options.onRefused('ip');
  };
}

/** After auth: the tenant's rate, then its share of concurrency and the global bulkhead. */
export function limitByTenant(options: LimitOptions) {
  const perTenant = limiter(options, options.ratePerTenant, 'tenant');
  const running = new Map<string, number>();
  let total = 0;
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const tenant = tenantOfAuth(request.auth);
    if (!(await admitted(perTenant, tenant, response))) return options.onRefused('tenant');
    const mine = running.get(tenant) ?? 0;
    if (mine >= options.tenantConcurrency || total >= options.maxConcurrency) {
      options.onRefused(mine >= options.tenantConcurrency ? 'tenant_concurrency' : 'global_concurrency');
      refuse(response, 503, 1, 'Too many requests in progress; retry shortly.');
      return;
    }
    running.set(tenant, mine + 1);
    total += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      total -= 1;
      const left = (running.get(tenant) ?? 1) - 1;
      if (left === 0) running.delete(tenant);
      else running.set(tenant, left);
    };
    response.on('finish', release);
    response.on('close', release);
    next();
  };
}

async function admitted(limiter: RateLimiterAbstract, key: string, response: Response): Promise<boolean> {
  try {
    await limiter.consume(rateSubject(key));
    return true;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    refuse(response, 429, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), 'Rate limit reached; slow down.');
    return false;
  }
}

function refuse(response: Response, status: number, retryAfterSeconds: number, message: string): void {
  response.set('Retry-After', String(retryAfterSeconds));
  response.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}
