/** Structured JSON logs on stderr: stdout belongs to the stdio transport. */
import pino, { type Logger } from 'pino';

/** createLogger("info") → a pino logger writing JSON lines to stderr */
export function createLogger(level: string): Logger {
  return pino({ name: 'cadenza', level }, pino.destination(2));
}
