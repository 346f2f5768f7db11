/**
 * The MIDI that audio is rendered from: the score as export_score writes it (formats/midi/write.ts,
 * repeats played out), optionally at another tempo, after a count-in, with a metronome click on the
 * drum channel. Also its length in seconds, from its own tempo map, before anything is synthesized.
 */
import { barLength, meterBeat } from '../core/beats.js';
import { toNumber } from '../core/rational.js';
import type { Score, TimeSignature } from '../core/score.js';
import { unfoldRepeats } from '../core/unfold.js';
import { DRUM_CHANNEL, midiTracks, TICKS_PER_QUARTER } from '../formats/midi/write.js';
import { encodeSmf, type SmfEvent, type SmfTrack } from '../formats/midi/write-smf.js';

export interface PerformanceOptions {
  /** quarter notes per minute at the start; later tempo changes keep their ratio to it */
  readonly quarterBpm?: number;
  /** whole bars of metronome clicks before the music (in the first bar's meter) */
  readonly countInBars?: number;
  /** a click on every beat of the music */
  readonly metronome?: boolean;
}

export interface Performance {
  /** a type-1 Standard MIDI File */
  readonly smf: Uint8Array;
  /** from the first event to the end of the last bar, count-in included */
  readonly durationSeconds: number;
  /** when the music starts (after the count-in) */
  readonly musicStartSeconds: number;
  /** the tempo it starts at, quarter notes per minute */
  readonly quarterBpm: number;
}

/** General MIDI percussion keys: high wood block on the first beat of a bar, low wood block on the others */
const CLICK_ACCENT = 76;
const CLICK = 77;
const CLICK_VELOCITY = 100;
const CLICK_TICKS = TICKS_PER_QUARTER / 8;
const COMMON_TIME: TimeSignature = { beats: '4', beatType: 4 };

/** performanceOf(bwv66_6, { countInBars: 1 }) → the MIDI to render, 24.5 s long at 120 to the quarter */
export function performanceOf(score: Score, options: PerformanceOptions = {}): Performance {
  const played = unfoldRepeats(score);
  const [conductor, ...parts] = midiTracks(played, { unfoldRepeats: false });
  const firstMeter = played.parts[0]?.measures[0]?.times?.[0]?.value ?? COMMON_TIME;
  const countInTicks = Math.round((options.countInBars ?? 0) * toNumber(barLength(firstMeter)) * TICKS_PER_QUARTER);
  const tempos = retimed(conductor!, options.quarterBpm);
  const clicks = [...countInClicks(firstMeter, options.countInBars ?? 0), ...(options.metronome ? musicClicks(played, countInTicks) : [])];
  const tracks = [tempos, ...parts].map((track) => shifted(track, countInTicks));
  if (countInTicks > 0) tracks[0] = { ...tracks[0]!, events: [...tempoAtStart(tempos), ...tracks[0]!.events] };
  if (clicks.length > 0) tracks.push(clickTrack(clicks, tracks[0]!.endTick));
  const seconds = secondsAt(tracks[0]!);
  return {
    smf: encodeSmf(TICKS_PER_QUARTER, tracks),
    durationSeconds: seconds(Math.max(...tracks.map((track) => track.endTick))),
    musicStartSeconds: seconds(countInTicks),
    quarterBpm: 60_000_000 / firstTempo(tempos),
  };
}

/** the conductor track with every tempo scaled so that the first is quarterBpm */
function retimed(conductor: SmfTrack, quarterBpm: number | undefined): SmfTrack {
  if (quarterBpm === undefined) return conductor;
  const scale = 60_000_000 / quarterBpm / firstTempo(conductor);
  const events = conductor.events.map((entry) =>
    entry.event.type === 'setTempo' ? { ...entry, event: { ...entry.event, microsecondsPerQuarter: Math.round(entry.event.microsecondsPerQuarter * scale) } } : entry,
  );
  return { ...conductor, events };
}

/** microseconds per quarter of the first tempo event (the writer always puts one at the start) */
function firstTempo(conductor: SmfTrack): number {
  const event = conductor.events.find((entry) => entry.event.type === 'setTempo')?.event;
  return event?.type === 'setTempo' ? event.microsecondsPerQuarter : 500_000;
}

function tempoAtStart(conductor: SmfTrack): SmfTrack['events'] {
  return [{ tick: 0, event: { type: 'setTempo', microsecondsPerQuarter: firstTempo(conductor) } }];
}

function shifted(track: SmfTrack, ticks: number): SmfTrack {
  if (ticks === 0) return track;
  return { events: track.events.map((entry) => ({ ...entry, tick: entry.tick + ticks })), endTick: track.endTick + ticks };
}

interface Click {
  readonly tick: number;
  readonly accent: boolean;
}

function countInClicks(meter: TimeSignature, bars: number): Click[] {
  const beat = toNumber(meterBeat(meter)) * TICKS_PER_QUARTER;
  const bar = toNumber(barLength(meter)) * TICKS_PER_QUARTER;
  const clicks: Click[] = [];
  for (let start = 0; start < bars * bar - 1; start += bar) {
    for (let tick = start; tick < start + bar - 1; tick += beat) clicks.push({ tick: Math.round(tick), accent: tick === start });
  }
  return clicks;
}

/** a click on each beat of each bar, in the meter in force; a pickup's beats are counted back from its end */
function musicClicks(score: Score, countInTicks: number): Click[] {
  const clicks: Click[] = [];
  let meter = COMMON_TIME;
  for (const measure of score.parts[0]?.measures ?? []) {
    meter = measure.times?.[0]?.value ?? meter;
    const beat = toNumber(meterBeat(meter));
    const length = toNumber(measure.duration);
    const full = toNumber(barLength(meter));
    // a pickup (shorter than its meter) is the end of a bar: its beats fall where that bar's would
    const missing = Math.max(0, full - length);
    const first = Math.ceil(missing / beat - 1e-9) * beat - missing;
    for (let at = first; at < length - 1e-9; at += beat) {
      const tick = countInTicks + Math.round((toNumber(measure.offset) + at) * TICKS_PER_QUARTER);
      clicks.push({ tick, accent: at === 0 && length >= full });
    }
  }
  return clicks;
}

function clickTrack(clicks: readonly Click[], endTick: number): SmfTrack {
  const events: { tick: number; event: SmfEvent }[] = [{ tick: 0, event: { type: 'trackName', text: 'Metronome' } }];
  const sorted = [...clicks].sort((a, b) => a.tick - b.tick);
  for (const click of sorted) {
    const note = click.accent ? CLICK_ACCENT : CLICK;
    events.push({ tick: click.tick, event: { type: 'noteOn', channel: DRUM_CHANNEL, note, velocity: CLICK_VELOCITY } });
    events.push({ tick: click.tick + CLICK_TICKS, event: { type: 'noteOff', channel: DRUM_CHANNEL, note, velocity: 0 } });
  }
  events.sort((a, b) => a.tick - b.tick);
  return { events, endTick: Math.max(endTick, events.at(-1)?.tick ?? 0) };
}

/** secondsAt(conductor)(ticks) → when that tick sounds, through the conductor's tempo changes */
export function secondsAt(conductor: SmfTrack): (tick: number) => number {
  const changes = conductor.events.flatMap(({ tick, event }) => (event.type === 'setTempo' ? [{ tick, perQuarter: event.microsecondsPerQuarter / 1e6 }] : []));
  return (tick) => {
    let seconds = 0;
    let at = 0;
    let perQuarter = 0.5;
    for (const change of changes) {
      if (change.tick > tick) break;
      seconds += ((change.tick - at) / TICKS_PER_QUARTER) * perQuarter;
      at = change.tick;
      perQuarter = change.perQuarter;
    }
    return seconds + ((tick - at) / TICKS_PER_QUARTER) * perQuarter;
  };
}
