/**
 * RomanText (Tymoczko, Gotham, Cuthbert & Ariza 2019): harmonic analyses written as text, one line per
 * measure — "m3 IV b2.5 viio6 b3 I", "m10 b3 g: III6" — with metadata lines ("Time Signature: 3/4").
 * This reads the analysis itself; `placeOnScore` turns measures and beats into score time.
 */
import { CadenzaError } from '../../core/errors.js';
import { add, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Score, TimeSignature } from '../../core/score.js';

export interface RomanTextHarmony {
  readonly measure: number;
  /** 1-based, in the time signature's beats */
  readonly beat: number;
  /** "G major", "Bb minor" */
  readonly key: string;
  /** as written: "V6/5", "viio7/V", "i[no3]" */
  readonly figure: string;
  /** a phrase boundary (||) was written just before it */
  readonly phraseStart?: boolean;
}

export interface RomanTextAnalysis {
  readonly metadata: Readonly<Record<string, string>>;
  readonly harmonies: readonly RomanTextHarmony[];
  /** time signatures by the measure they start at */
  readonly timeSignatures: readonly RomanTextTimeSignature[];
  /** lines that are neither measures nor "Name: value" fields (free-text remarks), kept as written */
  readonly remarks: readonly { readonly line: number; readonly text: string }[];
}

export interface RomanTextTimeSignature {
  readonly measure: number;
  /** "3/8"; "C" is read as "4/4" and "Cut" as "2/2" */
  readonly value: string;
  /** "fast 3/8" counts one beat a bar, "slow 3/8" three (music21's meter words) */
  readonly speed?: 'fast' | 'slow';
}

const MEASURE_LINE = /^m(\d+)([a-z]?)(?:var\d+)?(?:\s+(.*))?$/;
const FIELD_LINE = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/;
const REPEAT_LINE = /^m(\d+)(?:-(\d+))?\s*=\s*m(\d+)(?:-(\d+))?\s*$/;
const KEY_TOKEN = /^([A-Ga-g])(#*|b*|-*):$/;
const BEAT_TOKEN = /^b(\d+(?:\.\d+)?)$/;

/** readRomanText("Time Signature: 3/4\nm1 G: I b2 IV6") → harmonies [{ measure: 1, beat: 1, key: "G major", figure: "I" }, …] */
export function readRomanText(text: string): RomanTextAnalysis {
  const metadata: Record<string, string> = {};
  const harmonies: RomanTextHarmony[] = [];
  const timeSignatures: RomanTextTimeSignature[] = [];
  const remarks: { line: number; text: string }[] = [];
  let key = '';
  let pendingTime: Omit<RomanTextTimeSignature, 'measure'> | undefined;
  // lines end in \n, \r\n or a lone \r (old Mac exports), as Python's universal newlines read them
  text.split(/\r\n|\r|\n/).forEach((raw, lineIndex) => {
    const line = raw.trim();
    if (line === '' || /^m\d+[a-z]?var\d+/.test(line)) return;
    const repeat = REPEAT_LINE.exec(line);
    if (repeat) return repeatMeasures(harmonies, repeat);
    const measureLine = MEASURE_LINE.exec(line);
    if (measureLine) {
      const measure = Number(measureLine[1]);
      if (pendingTime) timeSignatures.push({ measure, ...pendingTime });
      pendingTime = undefined;
      key = readMeasure(measure, measureLine[3] ?? '', key, harmonies, lineIndex + 1);
      return;
    }
    const field = FIELD_LINE.exec(line);
    if (!field) return void remarks.push({ line: lineIndex + 1, text: line });
    const name = field[1]!.trim();
    if (name.toLowerCase() === 'time signature') pendingTime = readTimeSignature(field[2]!, lineIndex + 1);
    else if (name !== 'Note') metadata[name] = field[2]!.trim();
  });
  if (harmonies.length === 0 && remarks.length > 0) {
    throw new CadenzaError('PARSE_FAILED', `RomanText has no measure lines ("m1 C: I …"); line ${remarks[0]!.line} reads "${remarks[0]!.text.slice(0, 60)}".`);
  }
  return { metadata, harmonies, timeSignatures, remarks };
}

/** readTimeSignature("fast 3/8") → { value: "3/8", speed: "fast" }; "C" → 4/4, "Cut" → 2/2; a trailing "?" is a doubt, not a meter */
function readTimeSignature(written: string, line: number): Omit<RomanTextTimeSignature, 'measure'> {
  const text = written.trim().replace(/\?+$/, '').trim();
  if (/^c$/i.test(text)) return { value: '4/4' };
  if (/^cut$/i.test(text)) return { value: '2/2' };
  const match = /^(?:(fast|slow)\s+)?(\d+)\s*\/\s*(\d+)$/i.exec(text);
  if (!match || Number(match[2]) === 0 || Number(match[3]) === 0) {
    throw new CadenzaError('PARSE_FAILED', `RomanText line ${line}: "${written.trim()}" is not a time signature (write e.g. "3/4", "C", "Cut" or "slow 6/8").`);
  }
  const speed = match[1]?.toLowerCase() as 'fast' | 'slow' | undefined;
  return { value: `${match[2]}/${match[3]}`, ...(speed ? { speed } : {}) };
}

function readMeasure(measure: number, body: string, key: string, harmonies: RomanTextHarmony[], line: number): string {
  let beat = 1;
  let phraseStart = false;
  // "( V/VI )" or "(V/VI)": a chord in parentheses is an optional harmony, read as a harmony
  for (const token of body.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean)) {
    const beatToken = BEAT_TOKEN.exec(token);
    const keyToken = KEY_TOKEN.exec(token);
    if (beatToken) beat = Number(beatToken[1]);
    else if (keyToken) key = keyName(keyToken);
    else if (/^:?\|+:?$/.test(token)) phraseStart = true;
    else {
      if (key === '') throw new CadenzaError('PARSE_FAILED', `RomanText line ${line}: "${token}" comes before any key (write e.g. "G:" first).`);
      const previous = harmonies[harmonies.length - 1];
      // a pivot chord ("b4 I A: V") names one sound twice; the first name stands at that beat
      if (previous?.measure === measure && previous.beat === beat) continue;
      harmonies.push({ measure, beat, key, figure: token.replace(/\/o/g, 'ø'), ...(phraseStart ? { phraseStart } : {}) });
      phraseStart = false;
    }
  }
  return key;
}

/** "Bb:" → "Bb major"; "f#:" → "F# minor" (RomanText: upper case major, lower case minor; b or - for flat) */
function keyName(token: RegExpExecArray): string {
  const letter = token[1]!;
  const accidentals = token[2]!.replace(/-/g, 'b');
  return `${letter.toUpperCase()}${accidentals} ${letter === letter.toUpperCase() ? 'major' : 'minor'}`;
}

/** "m5-6 = m1-2": copies the harmonies of measures 1–2 into 5–6 */
function repeatMeasures(harmonies: RomanTextHarmony[], match: RegExpExecArray): void {
  const [to, toEnd, from] = [Number(match[1]), Number(match[2] ?? match[1]), Number(match[3])];
  const copied = harmonies.filter((harmony) => harmony.measure >= from && harmony.measure <= from + (toEnd - to));
  harmonies.push(...copied.map((harmony) => ({ ...harmony, measure: harmony.measure - from + to })));
}

export interface PlacedHarmony extends RomanTextHarmony {
  /** from the start of the score, in quarter notes */
  readonly offset: Rational;
}

/** placeOnScore(analysis of bwv269, bwv269) → each harmony with its offset in the score (m0 b3 → 0 in a 3/4 pickup) */
export function placeOnScore(analysis: RomanTextAnalysis, score: Score): PlacedHarmony[] {
  const measures = score.parts[0]?.measures ?? [];
  const placed: PlacedHarmony[] = [];
  const ordered = [...analysis.harmonies].sort((a, b) => a.measure - b.measure || a.beat - b.beat);
  for (const harmony of withBarlineContinuations(ordered)) {
    const measure = measures.find((candidate) => candidate.number === String(harmony.measure));
    if (!measure) continue;
    const time = timeSignatureAt(analysis, harmony.measure, measures.find((candidate) => candidate.times)?.times?.[0]?.value);
    const [beats, beatType] = time.value.split('/').map(Number) as [number, number];
    const beatLength = romanTextBeat(beats, beatType, time.speed);
    const barLength = mul(rational(beats), rational(4, beatType));
    // a pickup counts its beats from where a full bar would have begun
    const padding = measure.index === 0 ? sub(barLength, measure.duration) : rational(0);
    const within = sub(mul(beatLength, rationalOf(harmony.beat - 1)), padding);
    placed.push({ ...harmony, offset: add(measure.offset, within) });
  }
  return placed;
}

/** Every measure opens with the harmony in force there, as music21 reads RomanText: the last one continues. */
function withBarlineContinuations(harmonies: readonly RomanTextHarmony[]): RomanTextHarmony[] {
  const result: RomanTextHarmony[] = [];
  const last = harmonies[harmonies.length - 1]?.measure ?? 0;
  let index = 0;
  for (let measure = harmonies[0]?.measure ?? 0; measure <= last; measure++) {
    const previous = result[result.length - 1];
    const own = [];
    while (index < harmonies.length && harmonies[index]!.measure === measure) own.push(harmonies[index++]!);
    if (previous && own[0]?.beat !== 1) result.push({ measure, beat: 1, key: previous.key, figure: previous.figure });
    result.push(...own);
  }
  return result;
}

/**
 * romanTextBeat(6, 4) → 3 quarters: the beat as music21's meters count it, in quarter notes. Multiples of
 * three above three (6/8, 6/4, 9/8, 12/16) and 3/8 or shorter count dotted beats (so "6/4 b1.33" is one
 * quarter in); "slow" counts every written unit, "fast" groups them in threes.
 */
export function romanTextBeat(beats: number, beatType: number, speed?: 'fast' | 'slow'): Rational {
  const grouped = beats % 3 === 0 && (beats > 3 || beatType >= 8 || speed === 'fast');
  return grouped && speed !== 'slow' ? rational(12, beatType) : rational(4, beatType);
}

function timeSignatureAt(analysis: RomanTextAnalysis, measure: number, fallback: TimeSignature | undefined): Omit<RomanTextTimeSignature, 'measure'> {
  const written = analysis.timeSignatures.filter((entry) => entry.measure <= measure).pop();
  return written ?? { value: fallback ? `${fallback.beats.split('+').reduce((sum, term) => sum + Number(term), 0)}/${fallback.beatType}` : '4/4' };
}

const BEAT_FRACTIONS = [2, 3, 4, 6, 8, 12, 16];

/**
 * rationalOf(1.5) → 3/2; beats are written with two decimals at most for thirds, sixths and eighths
 * ("1.33", "1.67" or "1.66", "1.83", "2.88"), which stand for the nearest simple fraction.
 */
function rationalOf(value: number): Rational {
  for (const denominator of BEAT_FRACTIONS) {
    if (Math.abs(value * denominator - Math.round(value * denominator)) < 0.01 * denominator + 1e-9) return rational(Math.round(value * denominator), denominator);
  }
  return rational(Math.round(value * 1000), 1000);
}
