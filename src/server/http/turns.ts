/**
 * Tool calls admitted a few per turn of the event loop. A light call (analyze_key on a chorale) runs on the
 * main thread from its first handler to its answer without waiting for anything, so every request that
 * arrived in one poll of the sockets was served in that one turn: with 64 clients that is 64 calls, tens of
 * milliseconds in which no timer, health probe, listen notification or worker reply is looked at (the
 * event-loop lag bench/http-load.mjs reports). Here at most `perTurn` requests start in one turn (from one
 * check phase to the next): the first ones at once, as if there were no pacer, the rest in a queue served
 * `perTurn` at a time, one batch per turn (setImmediate), so the loop comes round between batches. The order
 * is kept (first come, first served) and nothing is refused: the wait is at most the turns it takes to serve
 * those ahead, which the same CPU would have spent on them anyway.
 */
import type { NextFunction, Request, Response } from 'express';

export class TurnPacer {
  private readonly waiting: NextFunction[] = [];
  private startedThisTurn = 0;
  private scheduled = false;

  /** @param perTurn requests started in one turn of the event loop */
  constructor(private readonly perTurn: number) {}

  /** how many requests wait for a turn */
  get queued(): number {
    return this.waiting.length;
  }

  /** middleware: the rest of the request's handlers run now if this turn has room, else in a later turn, in arrival order */
  readonly pace = (_request: Request, _response: Response, next: NextFunction): void => {
    if (!this.scheduled) this.schedule();
    if (this.waiting.length === 0 && this.startedThisTurn < this.perTurn) {
      this.startedThisTurn++;
      next();
      return;
    }
    this.waiting.push(next);
  };

  private schedule(): void {
    this.scheduled = true;
    setImmediate(this.turn);
  }

  // each request's own promises settle after this callback returns, before the loop's next phase
  private readonly turn = (): void => {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.perTurn);
    this.startedThisTurn = batch.length;
    for (const start of batch) start();
    if (this.waiting.length > 0 || this.startedThisTurn > 0) this.schedule();
  };
}
