/**
 * Configuration from the environment, validated once at start: a wrong value stops the server with a
 * message naming the variable, instead of surfacing later as a strange failure.
 */
import { delimiter } from 'node:path';
import { z } from 'zod';

const MIB = 1024 * 1024;

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

const environmentSchema = z.object({
  CADENZA_ALLOWED_ROOTS: z.string().optional(),
  CADENZA_MAX_INPUT_BYTES: positiveInt(20 * MIB),
  CADENZA_MAX_SCORES: positiveInt(1000),
  CADENZA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  /** folders import_score may read from */
  readonly allowedRoots: readonly string[];
  readonly maxInputBytes: number;
  /** how many scores one tenant may keep */
  readonly maxScores: number;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** loadConfig({ CADENZA_ALLOWED_ROOTS: "/a:/b" }, "/cwd") → { allowedRoots: ["/a", "/b"], … } */
export function loadConfig(environment: NodeJS.ProcessEnv, cwd: string): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const roots = (env.CADENZA_ALLOWED_ROOTS ?? '').split(delimiter).filter((root) => root.trim() !== '');
  return {
    allowedRoots: roots.length > 0 ? roots : [cwd],
    maxInputBytes: env.CADENZA_MAX_INPUT_BYTES,
    maxScores: env.CADENZA_MAX_SCORES,
    logLevel: env.CADENZA_LOG_LEVEL,
  };
}
