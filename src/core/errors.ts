/**
 * The one registry of error codes (after fastify's lib/errors.js). Every layer throws CadenzaError with
 * one of these codes; only the MCP layer turns them into tool errors, and only the HTTP layer uses `status`.
 */
export const ERROR_CODES = {
  SCORE_NOT_FOUND: { status: 404, hint: 'Call list_scores to see the ids that exist, or import the score first.' },
  INVALID_SCORE_ID: { status: 400, hint: 'Score ids are lowercase letters, digits and hyphens, as import_score returns them; call list_scores for the ids.' },
  SCORE_EXISTS: { status: 409, hint: 'Another score already has this id; import again to get a fresh id.' },
  CONFLICT: { status: 409, hint: 'The score changed since the version you started from: read it again (list_versions names the current version) and send your edit with that baseVersion.' },
  INVALID_EDIT: { status: 422, hint: 'Nothing was changed: fix the operation the message names (each measure must still add up to its meter) and send the whole batch again.' },
  VERSION_NOT_FOUND: { status: 404, hint: 'Call list_versions for the versions this score keeps.' },
  STORE_CORRUPT: { status: 500, hint: 'Stored data is damaged; the operator should restore the store from a backup (cadenza restore).' },
  PARSE_FAILED: { status: 422, hint: 'Check that the content is well-formed and in the declared format.' },
  UNSUPPORTED_FORMAT: { status: 415, hint: 'Declare one of the supported formats, or use a known file extension.' },
  LIMIT_EXCEEDED: { status: 413, hint: 'Send a smaller score, or split it into movements.' },
  UNSAFE_INPUT: { status: 422, hint: 'Remove the DOCTYPE/entity declarations; Cadenza never resolves them.' },
  PATH_NOT_ALLOWED: { status: 403, hint: 'Use a path inside one of the allowed roots (CADENZA_ALLOWED_ROOTS).' },
  FILE_NOT_FOUND: { status: 404, hint: 'Check the path; it is resolved against the server working directory.' },
  CORPUS_NOT_FOUND: { status: 404, hint: 'Call list_scores with source "corpus", or read the corpus resource, for the ids.' },
  INVALID_ARGUMENT: { status: 400, hint: 'Check the arguments against the tool input schema.' },
  FORBIDDEN: { status: 403, hint: 'Ask for a token with the required scope.' },
  QUOTA_EXCEEDED: { status: 413, hint: 'Delete scores you no longer need (delete_score), then try again.' },
  TIMEOUT: { status: 504, hint: 'The work took longer than the server allows; try a smaller score or fewer options.' },
  CANCELLED: { status: 499, hint: 'The call was cancelled; nothing was changed.' },
  BUSY: { status: 503, hint: 'The server is at capacity; retry after a few seconds.' },
  RATE_LIMITED: { status: 429, hint: 'Too many calls; wait a moment and retry.' },
  TOO_MANY_TASKS: { status: 429, hint: 'Wait for one of your running tasks to finish (tasks/get), or cancel one (tasks/cancel), then try again.' },
  TOO_MANY_STREAMS: { status: 429, hint: 'Close one of your open subscriptions/listen streams (one stream can name many score:// URIs), then listen again.' },
  TASK_NOT_FOUND: { status: 404, hint: 'Task ids come from the answer that created the task; a task is forgotten once its TTL has passed.' },
  STORE_UNAVAILABLE: { status: 503, hint: 'The score store cannot be reached just now; retry in a few seconds. Nothing was lost.' },
  SHUTTING_DOWN: { status: 503, hint: 'The server is restarting; retry in a few seconds (another replica may answer).' },
  INTERNAL: { status: 500, hint: 'This is a bug in Cadenza; the server log has the details.' },
} as const satisfies Record<string, { status: number; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CadenzaError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly status: number;
  /** for BUSY and RATE_LIMITED: when a retry may succeed, in seconds */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; hint?: string; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CadenzaError';
    this.code = code;
    this.hint = options?.hint ?? ERROR_CODES[code].hint;
    this.status = ERROR_CODES[code].status;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** isCadenzaError(new CadenzaError('INTERNAL', 'x')) → true */
export function isCadenzaError(value: unknown): value is CadenzaError {
  return value instanceof CadenzaError;
}
