/**
 * Turns any failure inside a tool into an MCP tool error (isError) that a model or a person can act on:
 * coded errors keep their code and hint; anything else is INTERNAL and goes to the log.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { CadenzaError, isCadenzaError } from '../core/errors.js';

export interface ErrorLog {
  error(details: Record<string, unknown>, message: string): void;
}

/** toToolError(new CadenzaError('SCORE_NOT_FOUND', 'No score "x"')) → { isError: true, content: [...] } */
export function toToolError(error: unknown, toolName: string, log: ErrorLog): CallToolResult {
  const coded = isCadenzaError(error) ? error : internal(error, toolName, log);
  return {
    isError: true,
    content: [{ type: 'text', text: `${coded.code}: ${coded.message}\nHint: ${coded.hint}` }],
    _meta: {
      'cadenza/errorCode': coded.code,
      ...(coded.retryAfterSeconds === undefined ? {} : { 'cadenza/retryAfterSeconds': coded.retryAfterSeconds }),
    },
  };
}

function internal(error: unknown, toolName: string, log: ErrorLog): CadenzaError {
  log.error({ err: error, tool: toolName }, 'tool failed unexpectedly');
  return new CadenzaError('INTERNAL', `${toolName} failed unexpectedly.`, { cause: error });
}
