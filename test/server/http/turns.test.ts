/**
 * Paced admission of POST /mcp: requests start at most `perTurn` per turn of the event loop (the first at
 * once), in arrival order, and a timer due meanwhile runs between two batches instead of after all of them.
 */
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { TurnPacer } from '../../../src/server/http/turns.js';

const request = {} as Request;
const response = {} as Response;

describe('paced admission', () => {
  it('starts the first requests at once and the rest in arrival order, at most perTurn per turn of the event loop', async () => {
    const pacer = new TurnPacer(2);
    const started: number[] = [];
    const turns: number[][] = [];
    for (let index = 0; index < 5; index++) pacer.pace(request, response, (() => started.push(index)) as NextFunction);
    expect(started).toEqual([0, 1]);
    expect(pacer.queued).toBe(3);
    for (let turn = 0; turn < 2; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      turns.push([...started]);
    }
    expect(turns).toEqual([[0, 1, 2, 3], [0, 1, 2, 3, 4]]);
    expect(pacer.queued).toBe(0);
  });

  it('lets a timer that fell due run between two batches', async () => {
    const pacer = new TurnPacer(1);
    const events: string[] = [];
    const busy = (name: string) => () => {
      events.push(name);
      const until = performance.now() + 5;
      while (performance.now() < until);
    };
    setTimeout(() => events.push('timer'), 0);
    for (const name of ['a', 'b', 'c', 'd']) pacer.pace(request, response, busy(name) as NextFunction);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('d'));
    expect(events.filter((event) => event !== 'timer')).toEqual(['a', 'b', 'c', 'd']);
  });
});
