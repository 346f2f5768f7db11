/** Finding parts, measures, beats and events by the names people and findings use for them. */
import { barLength, meterBeat } from '../core/beats.js';
import { CadenzaError } from '../core/errors.js';
import { add, compare, mul, rational, sub, ZERO, type Rational } from '../core/rational.js';
import type { Event, Part, TimeSignature } from '../core/score.js';
import type { Found, ScoreDraft } from './draft.js';
import type { Place, Quarters, Target } from './operations.js';

const COMMON_TIME: TimeSignature = { beats: '4', beatType: 4 };

/** partIndex(parts, "P2"), (parts, "Alto") or (parts, 2) → 1 */
export function partIndex(parts: readonly Part[], part: string | number): number {
  const index = typeof part === 'number' ? part - 1 : parts.findIndex((candidate) => candidate.id === part || candidate.name?.toLowerCase() === part.toLowerCase());
  if (index >= 0 && index < parts.length) return index;
  throw invalid(`No part ${JSON.stringify(part)}; parts: ${parts.map((candidate, at) => `${at + 1} = ${candidate.id}${candidate.name ? ` (${candidate.name})` : ''}`).join(', ')}.`);
}

/** measureIndex(parts, "12") → the index of the first measure printed 12 (measures line up across parts) */
export function measureIndex(parts: readonly Part[], number: string): number {
  const index = parts[0]?.measures.findIndex((measure) => measure.number === number) ?? -1;
  if (index < 0) throw invalid(`No measure numbered "${number}".`);
  return index;
}

/** the time signature in force at a measure of a part */
export function timeAt(part: Part, index: number): TimeSignature {
  for (let at = Math.min(index, part.measures.length - 1); at >= 0; at--) {
    const time = part.measures[at]!.times?.[0]?.value;
    if (time) return time;
  }
  return COMMON_TIME;
}

/** the offset inside the measure of a 1-based beat, a pickup counted from where a full bar would begin */
export function beatOffset(draft: ScoreDraft, part: number, measure: number, beat: number): Rational {
  const time = timeAt(draft.parts[part]!, measure);
  const current = draft.parts[part]!.measures[measure]!;
  const bar = barLength(time);
  const padding = measure === 0 && compare(current.duration, bar) < 0 ? sub(bar, current.duration) : ZERO;
  if (beat < 1) throw invalid(`Beat ${beat} is before the measure; beats count from 1.`);
  const offset = sub(mul(sub(exactBeat(beat), rational(1)), meterBeat(time)), padding);
  if (offset.n < 0) throw invalid(`Beat ${beat} is before the pickup measure begins.`);
  return offset;
}

/** The event a target names: by id, or the one sounding at the place (one starting there first). */
export function resolveTarget(draft: ScoreDraft, target: Target): Found {
  if (typeof target === 'string') return draft.find(target);
  const { part, measure, voice, offset } = resolvePlace(draft, target);
  const events = draft.parts[part]!.measures[measure]!.voices[voice]!.events;
  const starting = events.findIndex((event) => compare(event.offset, offset) === 0 && !isGrace(event));
  const sounding = starting >= 0 ? starting : events.findIndex((event) => compare(event.offset, offset) <= 0 && compare(add(event.offset, event.duration), offset) > 0);
  if (sounding < 0) throw invalid(`Nothing sounds in measure ${target.measure}, beat ${target.beat ?? 1} of part ${target.part}${target.voice ? `, voice ${target.voice}` : ''}.`);
  return { part, measure, voice, event: sounding };
}

/** part, measure and voice indexes and the offset in the measure of a place */
export function resolvePlace(draft: ScoreDraft, place: Place): { part: number; measure: number; voice: number; offset: Rational } {
  const part = partIndex(draft.parts, place.part);
  const measure = measureIndex(draft.parts, place.measure);
  const voices = draft.parts[part]!.measures[measure]!.voices;
  const voice = place.voice === undefined ? 0 : voices.findIndex((candidate) => candidate.id === place.voice);
  if (voice < 0 || voices.length === 0) throw invalid(`Measure ${place.measure} of part ${place.part} has no voice ${place.voice ?? ''}; voices: ${voices.map((candidate) => candidate.id).join(', ') || 'none'}.`);
  return { part, measure, voice, offset: beatOffset(draft, part, measure, place.beat ?? 1) };
}

/** quarters("3/2") → 3/2; quarters(0.75) → 3/4; a length that is not positive and exact → INVALID_EDIT */
export function quarters(value: Quarters): Rational {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(value) : undefined;
  const length = match ? rational(Number(match[1]), Number(match[2] ?? 1)) : typeof value === 'number' ? exactBeat(value) : undefined;
  if (length && length.n > 0 && length.d <= 1024) return length;
  throw invalid(`${JSON.stringify(value)} is not a length in quarter notes (try 1, 0.5, 1.5 or "1/3").`);
}

/** a beat or length given as a decimal, made exact (2.5 → 5/2; thirds come as 1.333333) */
function exactBeat(value: number): Rational {
  if (!Number.isFinite(value) || value < 0 || value > 1e6) throw invalid(`${value} is not a beat or length Cadenza can place.`);
  for (const denominator of [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]) {
    const numerator = Math.round(value * denominator);
    if (Math.abs(numerator / denominator - value) < 1e-5) return rational(numerator, denominator);
  }
  throw invalid(`${value} is not a beat or length on a grid of 64ths or triplets.`);
}

function isGrace(event: Event): boolean {
  return event.kind !== 'rest' && event.grace !== undefined;
}

export function invalid(message: string): CadenzaError {
  return new CadenzaError('INVALID_EDIT', message);
}
