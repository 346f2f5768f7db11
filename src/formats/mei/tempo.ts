/**
 * Tempo marks: MEI's <tempo> control event (@tstamp in beats of the meter, @midi.bpm in quarter notes
 * per minute, @mm/@mm.unit/@mm.dots as printed, the words as its text) and @midi.bpm on <scoreDef>.
 */
import { ZERO, div, mul, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { TempoMark } from '../../core/score.js';
import { attribute, type XmlElement } from '../musicxml/xml-scanner.js';
import { meiDur, meiDuration } from './vocabulary.js';

/** readTempo(<tempo tstamp="2" midi.bpm="96">Andante</tempo>, 4) → { offset: 1, value: { quarterBpm: 96, text: "Andante" } } */
export function readTempo(element: XmlElement, meterUnit: number): { offset: Rational; value: TempoMark } | undefined {
  const value: Record<string, unknown> = {};
  const bpm = Number(attribute(element, 'midi.bpm'));
  if (bpm > 0 && bpm < 10_000) value.quarterBpm = bpm;
  const perMinute = Number(attribute(element, 'mm'));
  const unit = meiDuration(attribute(element, 'mm.unit') ?? '');
  const dots = Number(attribute(element, 'mm.dots') ?? 0);
  if (perMinute > 0 && perMinute < 10_000 && unit) {
    Object.assign(value, { beatUnit: unit.noteType, perMinute, ...(dots > 0 && dots < 4 ? { beatUnitDots: dots } : {}) });
    value.quarterBpm ??= perMinute * toNumber(unit.quarters) * (2 - 1 / 2 ** (dots > 0 && dots < 4 ? dots : 0));
  }
  const text = [element.text, ...element.children.map((part) => part.text)].map((part) => part.trim()).filter(Boolean).join(' ');
  if (text) value.text = text;
  if (value.quarterBpm === undefined && value.perMinute === undefined) return undefined;
  const beats = decimal(attribute(element, 'tstamp') ?? '1');
  const offset = beats && Number.isInteger(meterUnit) && meterUnit > 0 ? mul(sub(beats, rational(1)), rational(4, meterUnit)) : ZERO;
  return { offset: offset.n < 0 ? ZERO : offset, value: value as TempoMark };
}

/** scoreDefTempo(<scoreDef midi.bpm="96">) → { quarterBpm: 96 } */
export function scoreDefTempo(element: XmlElement): TempoMark | undefined {
  const bpm = Number(attribute(element, 'midi.bpm'));
  return bpm > 0 && bpm < 10_000 ? { quarterBpm: bpm } : undefined;
}

/** writeTempo({ offset: 1, value: { quarterBpm: 96 } }, 4, 1) → '<tempo tstamp="2" staff="1" midi.bpm="96"/>' */
export function writeTempo(offset: Rational, mark: TempoMark, meterUnit: number, staff: number): string {
  const beats = mul(offset, rational(meterUnit, 4));
  const tstamp = Number((toNumber(beats) + 1).toFixed(6));
  const unit = meiDur(mark.beatUnit);
  const mm = mark.perMinute && unit ? ` mm="${mark.perMinute}" mm.unit="${unit}"${mark.beatUnitDots ? ` mm.dots="${mark.beatUnitDots}"` : ''}` : '';
  const bpm = mark.quarterBpm ? ` midi.bpm="${mark.quarterBpm}"` : '';
  const text = mark.text ? mark.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : '';
  return `<tempo tstamp="${tstamp}" staff="${staff}"${bpm}${mm}${text ? `>${text}</tempo>` : '/>'}`;
}

/** decimal("2.5") → 5/2, exactly; junk → undefined */
export function decimal(text: string): Rational | undefined {
  const match = /^\s*(\d{1,6})(?:\.(\d{1,6}))?\s*$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return div(rational(Number(match[1]! + fraction)), rational(10 ** fraction.length));
}
