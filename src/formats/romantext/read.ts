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
  readonly timeSignatures: readonly { readonly measure: number; readonly value: string }[];
}

const MEASURE_LINE = /^m(\d+)([a-z]?)(?:var\d+)?\s*(.*)$/;
const REPEAT_LINE = /^m(\d+)(?:-(\d+))?\s*=\s*m(\d+)(?:-(\d+))?\s*$/;
const KEY_TOKEN = /^([A-Ga-g])(#*|b*|-*):$/;
const BEAT_TOKEN = /^b(\d+(?:\.\d+)?)$/;

/** readRomanText("Time Signature: 3/4\nm1 G: I b2 IV6") → harmonies [{ measure: 1, beat: 1, key: "G major", figure: "I" }, …] */
export function readRomanText(text: string): RomanTextAnalysis {
  const metadata: Record<string, string> = {};
  const harmonies: RomanTextHarmony[] = [];
  const timeSignatures: { measure: number; value: string }[] = [];
  let key = '';
  let pendingTime: string | undefined;
  text.split(/\r?\n/).forEach((raw, lineIndex) => {
    const line = raw.trim();
    if (line === '' || /^m\d+[a-z]?var\d+/.test(line)) return;
    const repeat = REPEAT_LINE.exec(line);
    if (repeat) return repeatMeasures(harmonies, repeat);
    const measureLine = MEASURE_LINE.exec(line);
    if (measureLine) {
      const measure = Number(measureLine[1]);
      if (pendingTime) timeSignatures.push({ measure, value: pendingTime });
      pendingTime = undefined;
      key = readMeasure(measure, measureLine[3]!, key, harmonies, lineIndex + 1);
      return;
    }
    const field = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(line);
    if (!field) throw new CadenzaError('PARSE_FAILED', `RomanText line ${lineIndex + 1} is neither a measure nor a "Name: value" line: "${line}".`);
    if (field[1] === 'Time Signature') pendingTime = field[2]!.trim();
    else if (field[1] !== 'Note') metadata[field[1]!] = field[2]!.trim();
  });
  return { metadata, harmonies, timeSignatures };
}

function readMeasure(measure: number, body: string, key: string, harmonies: RomanTextHarmony[], line: number): string {
  let beat = 1;
  let phraseStart = false;
  for (const token of body.split(/\s+/).filter(Boolean)) {
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
    const [beats, beatType] = time.split('/').map(Number) as [number, number];
    const compound = beatType >= 8 && beats % 3 === 0 && beats > 3;
    const beatLength = compound ? rational(12, beatType) : rational(4, beatType);
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

function timeSignatureAt(analysis: RomanTextAnalysis, measure: number, fallback: TimeSignature | undefined): string {
  const written = analysis.timeSignatures.filter((entry) => entry.measure <= measure).pop()?.value;
  return written ?? (fallback ? `${fallback.beats}/${fallback.beatType}` : '4/4');
}

/** rationalOf(1.5) → 3/2; beats are written with at most a few decimals ("2.5", "1.33" for a triplet third) */
function rationalOf(value: number): Rational {
  if (Math.abs(value * 3 - Math.round(value * 3)) < 0.02) return rational(Math.round(value * 3), 3);
  return rational(Math.round(value * 1000), 1000);
}
