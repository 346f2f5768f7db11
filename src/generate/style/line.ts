/**
 * Writing one line from a learned LineModel: first its rhythm (durations drawn position by position,
 * so the last note falls on a strong beat), then its pitches (intervals drawn from the degrees before,
 * kept inside the learned range), closing on the tonic.
 */
import { ZERO, add, compare, div, formatRational, mul, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { Random } from '../random.js';
import type { LineModel } from './learn.js';
import { sampleNgram } from './ngram.js';

export interface LinePlan {
  readonly line: LineModel;
  /** longest context to use, 1 … 3 */
  readonly order: number;
  /** tonic pitch class of the key being written in */
  readonly tonic: number;
  /** semitones to add to a degree learned in the model's mode to have it in the written mode */
  readonly modeShift: readonly number[];
  readonly measureLength: Rational;
  /** where the final, tonic note starts: a strong beat */
  readonly finalStart: Rational;
  readonly end: Rational;
  readonly random: Random;
  /** how welcome a sounding MIDI note is at a time (0: ruled out), e.g. consonance with the melody */
  readonly fit?: (midi: number, start: Rational) => number;
}

export interface LineNoteOut {
  readonly start: Rational;
  readonly duration: Rational;
  readonly midi: number;
}

/** generateLine({ line: model.melody, order: 2, tonic: 7, … }) → notes from 0 to `end`, the last a tonic on `finalStart` */
export function generateLine(plan: LinePlan): LineNoteOut[] {
  const durations = rhythm(plan);
  const starts: Rational[] = [];
  let at = ZERO;
  for (const duration of durations) {
    starts.push(at);
    at = add(at, duration);
  }
  const midis = pitches(plan, starts);
  return starts.map((start, index) => ({ start, duration: durations[index]!, midi: midis[index]! }));
}

function rhythm(plan: LinePlan): Rational[] {
  const durations: Rational[] = [];
  const tokens: string[] = [];
  let at = ZERO;
  while (compare(at, plan.finalStart) < 0) {
    const room = sub(plan.finalStart, at);
    const context = [...tokens.slice(Math.max(0, tokens.length - (plan.order - 1))), formatRational(positionInBar(at, plan.measureLength))];
    // only lengths that land on or before the final downbeat, so the close is never pushed off the beat
    const token = sampleNgram(plan.line.rhythm, context, plan.order, plan.random, (candidate) => (compare(parseRational(candidate), room) <= 0 ? 1 : 0));
    const duration = token === undefined ? room : parseRational(token);
    durations.push(duration);
    tokens.push(formatRational(duration));
    at = add(at, duration);
  }
  durations.push(sub(plan.end, plan.finalStart));
  return durations;
}

function pitches(plan: LinePlan, starts: readonly Rational[]): number[] {
  const { line, random, tonic } = plan;
  const fit = plan.fit ?? (() => 1);
  const degreeOf = (modelMidi: number) => (((modelMidi - tonic) % 12) + 12) % 12;
  const sounding = (modelMidi: number) => modelMidi + plan.modeShift[degreeOf(modelMidi)]!;
  const inRange = (midi: number) => midi >= line.low && midi <= line.high;
  const model: number[] = [opening(plan, starts[0]!, sounding, fit)];
  const last = starts.length - 1;
  const sourceTotal = line.degreeQuarters.reduce((sum, value) => sum + value, 0) || 1;
  const written = new Array<number>(12).fill(0);
  let writtenTotal = 0;
  for (let index = 1; index <= last; index++) {
    const previous = model[index - 1]!;
    const lengthBefore = toNumber(sub(starts[index]!, starts[index - 1]!));
    written[degreeOf(previous)]! += lengthBefore;
    writtenTotal += lengthBefore;
    // A low-order chain forgets where home is and drifts into a neighbouring key for good; leaning gently
    // towards degrees the line has so far sounded less than the sources did keeps it in the key.
    const balance = (modelMidi: number) => {
      const degree = degreeOf(modelMidi);
      return Math.sqrt((line.degreeQuarters[degree]! / sourceTotal + 0.01) / (written[degree]! / writtenTotal + 0.01));
    };
    const context = model.slice(Math.max(0, index - plan.order), index).map((midi) => String(degreeOf(midi)));
    const weight = (token: string) => {
      const candidate = sounding(previous + Number(token));
      if (!inRange(candidate)) return 0;
      const welcome = fit(candidate, starts[index]!) * balance(previous + Number(token));
      if (index === last) return degreeOf(previous + Number(token)) === 0 ? welcome : 0;
      // before the close, favour notes a step or a fifth away from a tonic, so the cadence arrives by step or leap of a fourth/fifth
      if (index === last - 1) return welcome * (nearTonic(candidate, tonic) ? 4 : 1);
      return welcome;
    };
    const token = sampleNgram(line.pitch, context, plan.order, random, weight);
    model.push(token === undefined ? fallback(previous, index === last, plan, starts[index]!, sounding, fit) : previous + Number(token));
  }
  return model.map(sounding);
}

/** a first note drawn from the sources' first degrees, in the octave nearest the middle of the range */
function opening(plan: LinePlan, start: Rational, sounding: (midi: number) => number, fit: (midi: number, start: Rational) => number): number {
  const { line, tonic } = plan;
  const degrees = Object.keys(line.openings).sort();
  const total = degrees.reduce((sum, degree) => sum + line.openings[degree]!, 0);
  let target = plan.random.next() * total;
  const degree = Number(degrees.find((candidate) => (target -= line.openings[candidate]!) < 0) ?? '0');
  const middle = (line.low + line.high) / 2;
  const candidates: number[] = [];
  for (let midi = line.low - 1; midi <= line.high + 1; midi++) if ((((midi - tonic) % 12) + 12) % 12 === degree) candidates.push(midi);
  candidates.sort((a, b) => Number(fit(sounding(b), start) > 0) - Number(fit(sounding(a), start) > 0) || Math.abs(a - middle) - Math.abs(b - middle));
  return candidates.find((midi) => sounding(midi) >= line.low && sounding(midi) <= line.high) ?? Math.round(middle);
}

/** nothing learned fits here: the nearest welcome scale note (the tonic, at the close) inside the range */
function fallback(previous: number, close: boolean, plan: LinePlan, start: Rational, sounding: (midi: number) => number, fit: (midi: number, start: Rational) => number): number {
  const { line, tonic } = plan;
  const usable = (midi: number, needFit: boolean) => {
    const heard = sounding(midi);
    const degree = (((midi - tonic) % 12) + 12) % 12;
    const wanted = close ? degree === 0 : SCALE_DEGREES.has(degree);
    return wanted && heard >= line.low && heard <= line.high && (!needFit || fit(heard, start) > 0);
  };
  for (const needFit of [true, false]) {
    for (let distance = 0; distance <= 24; distance++) {
      for (const midi of [previous - distance, previous + distance]) if (usable(midi, needFit)) return midi;
    }
  }
  // a range narrower than an octave may hold no tonic at all: the nearest tonic, even outside it
  return close ? previous + ((((tonic - previous) % 12) + 18) % 12) - 6 : previous;
}

/** degrees that belong to either mode's scale (minor with its raised sixth and seventh) */
const SCALE_DEGREES = new Set([0, 2, 3, 4, 5, 7, 8, 9, 10, 11]);

function nearTonic(midi: number, tonic: number): boolean {
  const fromTonic = (((midi - tonic) % 12) + 12) % 12;
  return fromTonic === 2 || fromTonic === 11 || fromTonic === 10 || fromTonic === 7;
}

/** positionInBar(7/2, 3) → 1/2 */
function positionInBar(at: Rational, bar: Rational): Rational {
  const bars = div(at, bar);
  return sub(at, mul(rational(Math.floor(bars.n / bars.d)), bar));
}

function parseRational(token: string): Rational {
  const [n, d] = token.split('/');
  return rational(Number(n), d === undefined ? 1 : Number(d));
}
