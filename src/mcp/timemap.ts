/**
 * When each measure and note of an engraving sounds, for players that follow the notation: verovio's
 * timemap (repeats played out, as render_audio plays them), reduced to the ids of the engraved SVG's
 * elements and seconds at the score's tempo. For a range of measures, only the passes through that range,
 * re-based to start at 0 as render_audio's excerpt of the same range does.
 */
import type { VerovioToolkit } from 'verovio/esm';

/** one moment: a measure begins, notes start, notes stop (ids of the SVG's `g.measure` and `g.note` elements) */
export interface TimemapEntry {
  /** at the score's tempo (quarterBpm, and its later changes) */
  readonly seconds: number;
  readonly measure?: string;
  readonly on?: string[];
  readonly off?: string[];
}

export interface Timemap {
  /** the tempo the timemap starts at, quarter notes per minute: a player at another tempo scales seconds by quarterBpm / its own */
  readonly quarterBpm: number;
  readonly entries: TimemapEntry[];
}

type VerovioEntry = ReturnType<VerovioToolkit['renderToTimemap']>[number];

/** verovio's default when a score has no tempo mark, as render_audio's */
const DEFAULT_QUARTER_BPM = 120;
const REPEAT_PASS = /-rend\d+$/;

/** timemapOf(toolkit with bwv66.6 loaded) → { quarterBpm: 96, entries: [{ seconds: 0, measure: "a1j1ty2d", on: [4 ids] }, …] } */
export function timemapOf(engraver: VerovioToolkit, range?: { readonly start: number; readonly end: number }): Timemap {
  const all = engraver.renderToTimemap({ includeMeasures: true, includeRests: false }).map(writtenIds);
  const quarterBpm = all.find((entry) => entry.tempo !== undefined)?.tempo ?? DEFAULT_QUARTER_BPM;
  const played = range ? withinMeasures(all, writtenMeasureIds(all).slice(range.start, range.end + 1)) : all;
  const startMs = played[0]?.tstamp ?? 0;
  const entries = played.map((entry) => ({
    seconds: (entry.tstamp - startMs) / 1000,
    ...(entry.measureOn ? { measure: entry.measureOn } : {}),
    ...(entry.on?.length ? { on: entry.on } : {}),
    ...(entry.off?.length ? { off: entry.off } : {}),
  }));
  return { quarterBpm, entries };
}

/** verovio names a repeat's second pass "<id>-rend2", an element the engraving does not have: the pass is of the written one */
function writtenIds(entry: VerovioEntry): VerovioEntry {
  const written = (id: string) => id.replace(REPEAT_PASS, '');
  return {
    ...entry,
    ...(entry.measureOn ? { measureOn: written(entry.measureOn) } : {}),
    ...(entry.on ? { on: entry.on.map(written) } : {}),
    ...(entry.off ? { off: entry.off.map(written) } : {}),
  };
}

/** the measures in written order: a performance meets each first in that order, whatever it repeats */
function writtenMeasureIds(entries: readonly VerovioEntry[]): string[] {
  return [...new Set(entries.flatMap((entry) => (entry.measureOn ? [entry.measureOn] : [])))];
}

/** the entries from the first time one of these measures begins until a measure outside them begins */
function withinMeasures(entries: readonly VerovioEntry[], ids: readonly string[]): VerovioEntry[] {
  const inside = new Set(ids);
  const first = entries.findIndex((entry) => entry.measureOn === ids[0]);
  if (first < 0) return [];
  const kept: VerovioEntry[] = [];
  for (const entry of entries.slice(first)) {
    if (entry.measureOn && !inside.has(entry.measureOn)) {
      // the notes still sounding stop where the range ends
      kept.push({ tstamp: entry.tstamp, qstamp: entry.qstamp, ...(entry.off ? { off: entry.off } : {}) });
      break;
    }
    kept.push(entry);
  }
  return kept;
}
