/**
 * After a batch, every measure it touched must still add up: each voice fills its bar as the meter in
 * force measures it (a pickup, or a voice that was short before, may stay as short as it was). The
 * error names the bar, the part and the voice, and the whole batch is refused.
 */
import { barLength } from '../core/beats.js';
import { add, compare, formatRational, max, ZERO, type Rational } from '../core/rational.js';
import type { Event, Measure, Part } from '../core/score.js';
import type { DraftMeasure, ScoreDraft } from './draft.js';
import { invalid, timeAt } from './places.js';

/** the furthest point a voice's events reach (grace notes take no time) */
export function voiceEnd(events: readonly Event[]): Rational {
  return events.reduce((end, event) => max(end, add(event.offset, event.duration)), ZERO);
}

/** measureLength(measure) → the furthest point any voice reaches, as Measure.duration is defined */
export function measureLength(measure: Pick<Measure, 'voices'>): Rational {
  return measure.voices.reduce((end, voice) => max(end, voiceEnd(voice.events)), ZERO);
}

/** Throws INVALID_EDIT naming the first touched measure that no longer adds up. */
export function checkMeasures(draft: ScoreDraft): void {
  draft.parts.forEach((part) => {
    part.measures.forEach((measure, index) => {
      if (draft.edited.has(measure as DraftMeasure)) checkMeasure(draft, part, index, measure as DraftMeasure);
    });
  });
}

function checkMeasure(draft: ScoreDraft, part: Part, index: number, measure: DraftMeasure): void {
  const original = draft.originalOf(measure);
  const time = timeAt(part, index);
  const bar = barLength(time);
  const meterChanged = measure.times !== original?.times;
  const short = original !== undefined && !meterChanged && compare(original.duration, bar) < 0;
  const expected = short ? original.duration : bar;
  for (const voice of measure.voices) {
    const end = voiceEnd(voice.events);
    const before = original?.voices.find((candidate) => candidate.id === voice.id);
    const wasShort = before !== undefined && !meterChanged && compare(voiceEnd(before.events), expected) < 0;
    const fits = wasShort ? compare(end, expected) <= 0 : compare(end, expected) === 0;
    if (fits) continue;
    const name = part.name ? `${part.id} (${part.name})` : part.id;
    throw invalid(
      `Measure ${measure.number || index + 1} of part ${name}, voice ${voice.id}, would last ${formatRational(end)} quarters, not the ${formatRational(expected)} of its ${short ? 'pickup' : `${time.beats}/${time.beatType} bar`}; nothing was changed.`,
    );
  }
}
