/** Plugs the real implementations behind the tools' ports together, from the validated configuration. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildBundledIndex } from '../mcp/corpus-pieces.js';
import type { HealthProbe, ScoreStore, ScoreWork, Services } from '../mcp/ports.js';
import type { Config } from './config.js';
import { BundledCorpus } from './corpus.js';
import { CorpusFiles } from './corpus-library.js';
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
  const corpus = new BundledCorpus();
  return {
    store: parts.store ?? new MemoryScoreStore({ maxScoresPerTenant: config.maxScores, maxBytesPerTenant: config.maxTenantBytes, maxTotalBytes: config.store.maxTotalBytes }),
    files: new AllowedRootFiles(config.allowedRoots, config.maxInputBytes, process.cwd(), config.outputRoots),
    corpus,
    corpora: new CorpusFiles(join(config.dataDir, 'corpora'), () => buildBundledIndex(corpus, parts.work, BUNDLED_INDEXING)),
    limits: { maxInputBytes: config.maxInputBytes },
    work: parts.work,
    health: parts.health ?? { checks: async () => [] },
    now: () => new Date().toISOString(),
    newId: randomIdSuffix,
  };
}

/** the bundled corpus is indexed for no tenant in particular, and nobody cancels it */
const BUNDLED_INDEXING = { tenantId: 'bundled-corpus', signal: new AbortController().signal, progress: () => undefined };

/** RFC 4648 base32, lowercase: letters and digits only, so the suffix keeps an id of the score-id form */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * randomIdSuffix() → "k3x9…" (26 characters): 128 random bits, more than a random UUID's 122, so ids
 * are unguessable and never collide in practice (a collision is still refused by the store).
 */
export function randomIdSuffix(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let suffix = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      suffix += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? suffix + BASE32[(value << (5 - bits)) & 31] : suffix;
}
