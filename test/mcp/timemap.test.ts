/**
 * render_score's timemap, which the players follow: it names the engraving's own elements, it is the
 * same on every call, it plays repeats out as render_audio does, and it lasts as long as render_audio's
 * rendering of the same score or measures at the same tempo.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { RING_OUT_SECONDS } from '../../src/mcp/render-audio.js';
import type { Timemap } from '../../src/mcp/timemap.js';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;
const ids = new Map<string, string>();

interface Rendered { svg: string; pageCount: number; timemap?: Timemap }

async function call<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content[0])).toBeFalsy();
  return result.structuredContent as T;
}

const render = (piece: string, args: Record<string, unknown> = {}) => call<Rendered>('render_score', { id: ids.get(piece), inline: true, timemap: true, ...args });
const measureIds = (timemap: Timemap) => timemap.entries.flatMap((entry) => (entry.measure ? [entry.measure] : []));
const svgIds = (svg: string) => new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!));

beforeAll(async () => {
  client = await connectInMemoryClient();
  for (const piece of ['bwv66.6', 'bwv153.1']) ids.set(piece, (await call<{ id: string }>('import_score', { corpus: `bach/${piece}` })).id);
}, 60_000);

describe("render_score's timemap", () => {
  it('names measures and notes by the ids of the SVG it comes with, and gives the same ids on every call', async () => {
    const first = await render('bwv66.6');
    const elements = svgIds(first.svg);
    const named = first.timemap!.entries.flatMap((entry) => [...(entry.measure ? [entry.measure] : []), ...(entry.on ?? []), ...(entry.off ?? [])]);
    expect(named.length).toBeGreaterThan(200);
    expect(named.filter((id) => !elements.has(id))).toEqual([]);
    expect(first.timemap!.quarterBpm).toBe(96);
    expect((await render('bwv66.6')).svg).toBe(first.svg);
  }, 60_000);

  it('is sent only when asked, and only with SVG', async () => {
    expect((await call<Rendered>('render_score', { id: ids.get('bwv66.6'), inline: true })).timemap).toBeUndefined();
    expect((await render('bwv66.6', { format: 'png' })).timemap).toBeUndefined();
  }, 60_000);

  it('plays repeats out, measure by measure, naming the written measures, as long as render_audio plays the same score', async () => {
    const { timemap, svg } = await render('bwv153.1');
    const played = measureIds(timemap!);
    const written = new Set(played);
    const elements = svgIds(svg);
    expect(timemap!.entries.flatMap((entry) => [...(entry.measure ? [entry.measure] : []), ...(entry.on ?? [])]).filter((id) => !elements.has(id))).toEqual([]);
    // bwv153.1 repeats its first phrase: 12 measures written, 17 played
    expect([written.size, played.length]).toEqual([12, 17]);
    const audio = await call<{ durationSeconds: number; quarterBpm: number }>('render_audio', { id: ids.get('bwv153.1'), format: 'wav', quarterBpm: timemap!.quarterBpm });
    const seconds = timemap!.entries.at(-1)!.seconds;
    expect(Math.abs(seconds - (audio.durationSeconds - RING_OUT_SECONDS)) / seconds).toBeLessThan(0.01);
  }, 60_000);

  it('for a range of measures, starts at 0 with its first measure, holds only its measures, and lasts as long as their audio', async () => {
    const whole = measureIds((await render('bwv66.6')).timemap!);
    const { timemap } = await render('bwv66.6', { measures: { from: 2, to: 5 } });
    expect(timemap!.entries[0]).toMatchObject({ seconds: 0, measure: whole[2] });
    expect(measureIds(timemap!)).toEqual(whole.slice(2, 6));
    const audio = await call<{ durationSeconds: number }>('render_audio', { id: ids.get('bwv66.6'), format: 'wav', measures: { from: 2, to: 5 }, quarterBpm: 96 });
    expect(timemap!.entries.at(-1)!.seconds).toBeCloseTo(audio.durationSeconds - RING_OUT_SECONDS, 1);
  }, 60_000);
});
