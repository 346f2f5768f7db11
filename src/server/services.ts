/** Plugs the real implementations behind the tools' ports together, from the validated configuration. */
import { randomBytes } from 'node:crypto';
import type { Services } from '../mcp/ports.js';
import type { Config } from './config.js';
import { BundledCorpus } from './corpus.js';
import { AllowedRootFiles } from './files.js';
import { MemoryScoreStore } from './store/memory.js';

/** createServices(config) → the store, file access, corpus and limits every tool call uses */
export function createServices(config: Config): Services {
  return {
    store: new MemoryScoreStore(config.maxScores),
    files: new AllowedRootFiles(config.allowedRoots, config.maxInputBytes),
    corpus: new BundledCorpus(),
    limits: { maxInputBytes: config.maxInputBytes },
    now: () => new Date().toISOString(),
    newId: () => randomBytes(4).toString('hex'),
  };
}
