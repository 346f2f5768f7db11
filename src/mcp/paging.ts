/**
 * Lists in tool answers come in pages that fit a model's context: a default page holds what fits a byte
 * budget (the whole answer stays under 16 KB), an explicit limit holds that many, and `nextCursor` says
 * where the next page starts. A cursor is opaque to the caller: the position of the next row.
 */
import { z } from 'zod';
import { CadenzaError } from '../core/errors.js';

/** a default page of one list spends at most this many bytes of JSON */
export const PAGE_BUDGET_BYTES = 10 * 1024;

export const cursorInput = z
  .string()
  .max(64)
  .optional()
  .describe('Continue a list where the previous answer stopped: pass its `nextCursor` (with the same other arguments).');

export const nextCursorOutput = z
  .string()
  .optional()
  .describe('Present when the list goes on: pass it as `cursor` to get the next page.');

export interface Page<Row> {
  readonly rows: Row[];
  /** index of the first row in the whole list */
  readonly start: number;
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly cursor?: string | undefined;
  /** at most this many rows; without it, as many as fit the budget */
  readonly limit?: number | undefined;
  readonly budgetBytes?: number;
}

/** pageOf(harmonies, { cursor }) → the rows from the cursor on that fit the budget, and the cursor after them */
export function pageOf<Row>(rows: readonly Row[], request: PageRequest): Page<Row> {
  const start = request.cursor === undefined ? 0 : positionOf(request.cursor, rows.length);
  const end = request.limit !== undefined ? Math.min(rows.length, start + request.limit) : budgetEnd(rows, start, request.budgetBytes ?? PAGE_BUDGET_BYTES);
  const page = rows.slice(start, end);
  return end < rows.length ? { rows: page, start, nextCursor: cursorAt(end) } : { rows: page, start };
}

/** the end of a page from `start` that fits `budget` bytes of JSON, at least one row */
function budgetEnd(rows: readonly unknown[], start: number, budget: number): number {
  let spent = 0;
  let end = start;
  while (end < rows.length) {
    spent += JSON.stringify(rows[end]).length + 1;
    if (spent > budget && end > start) break;
    end += 1;
  }
  return end;
}

/** cursorAt(40) → the opaque cursor of row 40 */
export function cursorAt(position: number): string {
  return Buffer.from(`row:${position}`).toString('base64url');
}

/** positionOf(cursorAt(40), 100) → 40; a cursor no list gave, or past its end, is INVALID_ARGUMENT */
export function positionOf(cursor: string, length: number): number {
  const match = /^row:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const position = match ? Number(match[1]) : NaN;
  if (!(position >= 0 && position <= length)) {
    throw new CadenzaError('INVALID_ARGUMENT', `cursor "${cursor}" is not one this list gave.`, { hint: 'Pass the nextCursor of the previous answer unchanged, with the same other arguments; leave it out to start again.' });
  }
  return position;
}

/** pageSpan(rows, 40) → "nos. 41–80, measures 12–19": where a page lies, for summaries */
export function pageSpan(rows: readonly { readonly measure: string }[], start: number): string {
  if (rows.length === 0) return 'none';
  return `nos. ${start + 1}–${start + rows.length}, measures ${rows[0]!.measure}–${rows.at(-1)!.measure}`;
}
