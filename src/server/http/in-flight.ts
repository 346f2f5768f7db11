/**
 * Counts the requests being served on every route (/mcp, /api, the viewer), so shutdown can wait for
 * them, and answers those still unanswered when the grace ends with a retryable 503 rather than cutting
 * the connection.
 */
import type { NextFunction, Request, Response } from 'express';

export class InFlight {
  private readonly open = new Set<Response>();
  private waiters: (() => void)[] = [];

  constructor(private readonly onChange: (count: number) => void) {}

  /** middleware: counts the request from now until its response is finished or its connection closes */
  readonly track = (_request: Request, response: Response, next: NextFunction): void => {
    this.open.add(response);
    this.onChange(this.open.size);
    const end = () => this.forget(response);
    response.on('finish', end);
    response.on('close', end);
    next();
  };

  /** stops counting a request that stays open until the client leaves (a listen stream): shutdown closes it rather than wait */
  readonly forget = (response: Response): void => {
    if (!this.open.delete(response)) return;
    this.onChange(this.open.size);
    if (this.open.size === 0) for (const wake of this.waiters.splice(0)) wake();
  };

  /** resolves when no request is in flight */
  idle(): Promise<void> {
    return this.open.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Answers every request that has no answer yet with `refuse`; returns how many were still open. */
  refuseUnanswered(refuse: (response: Response) => void): number {
    const open = [...this.open];
    for (const response of open) if (!response.headersSent) refuse(response);
    return open.length;
  }
}
