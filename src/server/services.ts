/** Plugs the real implementations behind the tools' ports together, from the validated configuration. */
import { randomBytes } from 'node:crypto';
import type { HealthProbe, ScoreStore, ScoreWork, Services } from '../mcp/ports.js';
import type { Config } from './config.js';
import { BundledCorpus } from './corpus.js';
import { AllowedRootFiles } from './files.js';
import { MemoryScoreStore } from './store/memory.js';

export interface ServiceParts {
  /** where parsing and analysis run: the worker pool on the server, InlineWork in tests */
  readonly work: ScoreWork;
  readonly store?: ScoreStore;
  readonly health?: HealthProbe;
}

/** createServices(config, { work }) → the store, file access, corpus and limits every tool call uses */
export function createServices(config: Config, parts: ServiceParts): Services {
  return {
    store: parts.store ?? new MemoryScoreStore({ maxScoresPerTenant: config.maxScores, maxBytesPerTenant: config.maxTenantBytes, maxTotalBytes: config.store.maxTotalBytes }),
    files: new AllowedRootFiles(config.allowedRoots, config.maxInputBytes, process.cwd(), config.outputRoots),
    corpus: new BundledCorpus(),
    limits: { maxInputBytes: config.maxInputBytes },
    work: parts.work,
    health: parts.health ?? { checks: async () => [] },
    now: () => new Date().toISOString(),
    newId: () => randomBytes(4).toString('hex'),
  };
}
