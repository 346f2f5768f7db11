/**
 * RomanText writer (Tymoczko, Gotham, Cuthbert & Ariza 2019), the reader's other half: an analysis as
 * one line per measure — "m3 b2 V65 b3 I", a key token ("D:", "f#:") where the local key changes — with
 * the meter written where it changes, beats counted as music21 counts them (romanTextBeat), and each
 * cadence as a "Note:" line before its measure, which RomanText readers keep as a remark.
 */
import { barLength } from '../../core/beats.js';
import { keyTonic, type AnalysedCadence, type AnalysedHarmony, type HarmonicAnalysis } from '../../core/harmonic-analysis.js';
import { add, compare, div, sub, toNumber, ZERO, type Rational } from '../../core/rational.js';
import type { Measure, Score, TimeSignature } from '../../core/score.js';
import { romanTextBeat } from './read.js';

const COMMON_TIME: TimeSignature = { beats: '4', beatType: 4 };

/** writeRomanText(bwv269, analyzeHarmony(bwv269) and its cadences) → "Composer: …\nTime Signature: 3/4\n\nm0 b3 G: I\nm1 V6 b2 I …" */
export function writeRomanText(score: Score, analysis: HarmonicAnalysis): string {
  const { metadata } = score;
  const title = metadata.title ?? metadata.movementTitle ?? metadata.workTitle;
  const lines = [
    ...(metadata.composer ? [`Composer: ${oneLine(metadata.composer)}`] : []),
    ...(title ? [`Title: ${oneLine(title)}`] : []),
    'Analyst: Cadenza (automatic analysis: analyze_harmony)',
    '',
  ];
  const measures = score.parts[0]?.measures ?? [];
  const harmonies = byMeasure(analysis.harmonies, measures.length);
  const cadences = [...analysis.cadences].sort((a, b) => a.offsetQuarters - b.offsetQuarters);
  let key = '';
  for (const bar of barsOf(measures)) {
    if (bar.meterLine) lines.push(`Time Signature: ${timeText(bar.time)}`);
    const first = measures[bar.first]!;
    const last = measures[bar.last]!;
    const [from, to] = [toNumber(first.offset), toNumber(last.offset) + toNumber(last.duration)];
    for (const cadence of cadences.filter((candidate) => candidate.offsetQuarters >= from && candidate.offsetQuarters < to)) lines.push(cadenceNote(cadence, bar.number));
    const tokens: string[] = [];
    const beats = beatsIn(bar.time);
    for (const harmony of harmonies.slice(bar.first, bar.last + 1).flat()) {
      if (harmony.figure === '') continue;
      const beat = beatOf(harmony.offset, first, bar.first, bar.time);
      // a measure longer than its meter (a cadenza written in one bar) has beats RomanText cannot name
      if (beat >= beats + 1) {
        lines.push(`Note: m${bar.number} ${harmony.figure} (${harmony.key}) left out: it falls after the last beat of the ${timeText(bar.time)} meter`);
        continue;
      }
      if (beat !== 1) tokens.push(`b${beat}`);
      if (harmony.key !== key) tokens.push(keyToken(harmony.key));
      key = harmony.key;
      tokens.push(harmony.figure);
    }
    lines.push(`m${bar.number}${tokens.length > 0 ? ` ${tokens.join(' ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Bar {
  /** as RomanText numbers it */
  readonly number: number;
  /** positions of its first and last measure: a bar split by a repeat sign ("7" and "7a") is one bar */
  readonly first: number;
  readonly last: number;
  readonly time: TimeSignature;
  /** the meter is written before it (the first bar, and where it changes) */
  readonly meterLine: boolean;
}

/**
 * The score's measures as RomanText bars: numbered as printed when that counts up, else on from the last;
 * a measure numbered "7a" that completes a short measure 7 (split at a repeat sign) joins it.
 */
function barsOf(measures: readonly Measure[]): Bar[] {
  const bars: { number: number; first: number; last: number; time: TimeSignature; meterLine: boolean; length: Rational }[] = [];
  let time = COMMON_TIME;
  measures.forEach((measure, index) => {
    const written = measure.times?.[0]?.value;
    const changed = written !== undefined && timeText(written) !== timeText(time);
    time = written ?? time;
    const previous = bars.at(-1);
    const printed = /^\d+$/.test(measure.number) ? Number(measure.number) : NaN;
    if (previous && !changed && Number.isNaN(printed) && compare(previous.length, barLength(time)) < 0 && index > 1) {
      previous.last = index;
      previous.length = add(previous.length, measure.duration);
      return;
    }
    const number = previous === undefined || printed > previous.number ? (Number.isNaN(printed) ? 0 : printed) : previous.number + 1;
    bars.push({ number, first: index, last: index, time, meterLine: index === 0 || changed, length: measure.duration });
  });
  return bars;
}

function byMeasure(harmonies: readonly AnalysedHarmony[], count: number): AnalysedHarmony[][] {
  const grouped: AnalysedHarmony[][] = Array.from({ length: count }, () => []);
  for (const harmony of harmonies) grouped[harmony.measureIndex]?.push(harmony);
  for (const list of grouped) list.sort((a, b) => compare(a.offset, b.offset));
  return grouped;
}

/** beatsIn(6/8) → 2: beats in a bar, as music21 counts them */
function beatsIn(time: TimeSignature): number {
  const [beats, beatType] = [time.beats.split('+').reduce((sum, term) => sum + Number(term), 0), time.beatType];
  return toNumber(div(barLength(time), romanTextBeat(beats, beatType)));
}

/** beatOf(2.5 quarters into a 3/4 bar) → 3.5; thirds as music21 writes them, 1.33 */
function beatOf(offset: Rational, measure: Measure, index: number, time: TimeSignature): number {
  const bar = barLength(time);
  // a pickup counts its beats from where a full bar would have begun
  const padding = index === 0 && compare(measure.duration, bar) < 0 ? sub(bar, measure.duration) : ZERO;
  const [beats, beatType] = [time.beats.split('+').reduce((sum, term) => sum + Number(term), 0), time.beatType];
  const beat = 1 + toNumber(div(add(sub(offset, measure.offset), padding), romanTextBeat(beats, beatType)));
  return Math.round(beat * 100) / 100;
}

/** keyToken("F# minor") → "f#:"; "Bb major" → "Bb:" */
function keyToken(name: string): string {
  const tonic = keyTonic(name);
  if (!tonic) return `${name.replace(/\s+/g, '')}:`;
  const accidentals = tonic.alter > 0 ? '#'.repeat(tonic.alter) : 'b'.repeat(-tonic.alter);
  return `${tonic.mode === 'minor' ? tonic.step.toLowerCase() : tonic.step}${accidentals}:`;
}

function cadenceNote(cadence: AnalysedCadence, measure: number): string {
  return `Note: cadence at m${measure}: ${cadence.type} in ${cadence.key} (${cadence.progression.join(' → ')})`;
}

function timeText(time: TimeSignature): string {
  return `${time.beats.split('+').reduce((sum, term) => sum + Number(term), 0)}/${time.beatType}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
