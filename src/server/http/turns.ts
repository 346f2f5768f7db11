/**
 * Tool calls admitted a few per turn of the event loop. A light call (analyze_key on a chorale) runs on the
 * main thread from its first handler to its answer without waiting for anything, so every request that
 * arrived in one poll of the sockets was served in that one turn: with 64 clients that is 64 calls, tens of
 * milliseconds in which no timer, health probe, listen notification or worker reply is looked at (the
 * event-loop lag bench/http-load.mjs reports). Here a request waits in a queue and the queue is served
 * `perTurn` at a time, one batch per turn (setImmediate), so the loop comes round between batches. The
 * order is kept (first come, first served) and nothing is refused: the wait is at most the turns it takes
 * to serve those ahead, which the same CPU would have spent on them anyway.
 */
import type { NextFunction, Request, Response } from 'express';

export class TurnPacer {
  private readonly waiting: NextFunction[] = [];
  private scheduled = false;

  /** @param perTurn requests started in one turn of the event loop */
  constructor(private readonly perTurn: number) {}

  /** how many requests wait for a turn */
  get queued(): number {
    return this.waiting.length;
  }

  /** middleware: the rest of the request's handlers run in a later turn, in arrival order */
  readonly pace = (_request: Request, _response: Response, next: NextFunction): void => {
    this.waiting.push(next);
    if (!this.scheduled) this.schedule();
  };

  private schedule(): void {
    this.scheduled = true;
    setImmediate(this.turn);
  }

  // each request's own promises settle after this callback returns, before the loop's next phase
  private readonly turn = (): void => {
    this.scheduled = false;
    for (const start of this.waiting.splice(0, this.perTurn)) start();
    if (this.waiting.length > 0) this.schedule();
  };
}
