/**
 * How the command line reports a failed tool call to a person at a shell: an exit code (exit-codes.ts)
 * and a hint in a shell's terms. The tools' own hints address a model ("call list_scores") and never
 * reach the terminal.
 */
import type { Command } from 'commander';
import { isCadenzaError, type ErrorCode } from '../core/errors.js';
import { ConfigError } from '../server/config.js';
import { EXIT } from './exit-codes.js';

const EXIT_CODES: Partial<Readonly<Record<ErrorCode, number>>> = {
  FILE_NOT_FOUND: EXIT.noInput,
  CORPUS_NOT_FOUND: EXIT.noInput,
  PATH_NOT_ALLOWED: EXIT.noInput,
  PARSE_FAILED: EXIT.dataError,
  UNSUPPORTED_FORMAT: EXIT.dataError,
  UNSAFE_INPUT: EXIT.dataError,
  LIMIT_EXCEEDED: EXIT.dataError,
  INVALID_ARGUMENT: EXIT.usage,
  INTERNAL: EXIT.software,
};

const BUG = 'This is a bug in Cadenza; please report it with the command you ran.';
const AGAIN = 'Run the command again in a moment.';

/** A hint for every error code, in the words of someone at a shell. */
const CLI_HINTS: Readonly<Record<ErrorCode, string>> = {
  SCORE_NOT_FOUND: BUG,
  INVALID_SCORE_ID: BUG,
  SCORE_EXISTS: AGAIN,
  CONFLICT: AGAIN,
  INVALID_EDIT: BUG,
  VERSION_NOT_FOUND: BUG,
  STORE_CORRUPT: 'The score store is damaged: restore it from a backup with `cadenza restore FILE`.',
  PARSE_FAILED: 'Check that the file is a complete score in the format its extension names (MusicXML, .mxl, **kern, ABC, MIDI, MEI).',
  UNSUPPORTED_FORMAT: 'Give the file one of the extensions .musicxml, .xml, .mxl, .krn, .abc, .mid, .midi or .mei.',
  LIMIT_EXCEEDED: 'The score is larger than Cadenza reads: split it into movements, or raise CADENZA_MAX_INPUT_BYTES.',
  UNSAFE_INPUT: 'Remove the DOCTYPE and entity declarations from the file; Cadenza never resolves them.',
  PATH_NOT_ALLOWED: 'Check the path; a relative path is resolved against the current folder.',
  FILE_NOT_FOUND: 'Check the path; a relative path is resolved against the current folder.',
  CORPUS_NOT_FOUND: 'Run `cadenza corpus list` for the ids.',
  INVALID_ARGUMENT: 'Check the options against `--help`.',
  FORBIDDEN: BUG,
  QUOTA_EXCEEDED: 'The score is larger than Cadenza keeps: split it into movements, or raise CADENZA_MAX_TENANT_BYTES.',
  TIMEOUT: 'The work took too long; try a smaller score or fewer measures.',
  CANCELLED: 'Interrupted; nothing was written.',
  BUSY: AGAIN,
  RATE_LIMITED: AGAIN,
  TOO_MANY_TASKS: AGAIN,
  TOO_MANY_STREAMS: BUG,
  TASK_NOT_FOUND: BUG,
  STORE_UNAVAILABLE: 'The score store cannot be reached: check CADENZA_STORE and CADENZA_REDIS_URL.',
  SHUTTING_DOWN: AGAIN,
  INTERNAL: BUG,
};

/** cliHint("CORPUS_NOT_FOUND") → "Run `cadenza corpus list` for the ids." */
export function cliHint(code: ErrorCode): string {
  return CLI_HINTS[code];
}

/**
 * Runs a command's work, turning coded and configuration failures into a message and an exit code;
 * `hints` replaces the usual hint for codes that mean something else to this command (a recording, not a score).
 */
export async function reportingFailures(program: Command, work: () => Promise<void>, hints: Partial<Readonly<Record<ErrorCode, string>>> = {}): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isCadenzaError(error)) program.error(`${error.code}: ${error.message}\nHint: ${hints[error.code] ?? cliHint(error.code)}`, { exitCode: EXIT_CODES[error.code] ?? 1 });
    if (error instanceof ConfigError) program.error(error.message, { exitCode: EXIT.config });
    throw error;
  }
}
