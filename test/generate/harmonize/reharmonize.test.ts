/**
 * Reharmonizing passages of the corpus chorales in place: new alto, tenor and bass inside the passage,
 * the rest of the chorale and the whole soprano untouched, the new voices led in from Bach's chord before
 * and out to his chord after by the same rules the harmonizer follows everywhere, judged by analyze_voice_leading.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkVoiceLeading, voiceLines, type Line } from '../../../src/analysis/voice-leading.js';
import { buildScore } from '../../../src/core/build-score.js';
import { CadenzaError } from '../../../src/core/errors.js';
import { add, compare, rational, toNumber, ZERO, type Rational } from '../../../src/core/rational.js';
import type { Measure, Part, Score } from '../../../src/core/score.js';
import { readScore } from '../../../src/formats/read-score.js';
import { reharmonizeRange, type Reharmonization } from '../../../src/generate/harmonize/reharmonize.js';
import { parsePitch } from '../../analysis/one-part-score.js';
import { twinkle } from './tunes.js';
import { TEST_SCORES } from '../../support/corpus.js';

const FORBIDDEN = ['parallel fifths', 'parallel octaves', 'fifths by contrary motion', 'octaves by contrary motion', 'voice crossing', 'voice overlap', 'range'];

interface Case {
  readonly label: string;
  readonly source: Score;
  readonly result: Reharmonization;
  readonly start: Rational;
  readonly end: Rational;
}

const cases: Case[] = [];

beforeAll(() => {
  const folder = `${TEST_SCORES}bach/`;
  for (const file of readdirSync(folder).filter((name) => /\.(mxl|xml|musicxml)$/.test(name))) {
    const { score } = readScore(new Uint8Array(readFileSync(folder + file)), file.endsWith('.mxl') ? 'mxl' : 'musicxml');
    if (score.parts.length !== 4 || voiceLines(score).length !== 4) continue;
    const measures = score.parts[0]!.measures;
    for (const first of [1, 3, 5].filter((index) => index + 2 < measures.length)) {
      const [from, to] = [measures[first]!, measures[first + 1]!];
      const result = reharmonizeRange(score, { from: from.number, to: to.number });
      cases.push({ label: `${file} m${from.number}–${to.number}`, source: score, result, start: from.offset, end: add(to.offset, to.duration) });
    }
  }
});

const within = (line: Line, start: Rational, end: Rational) => line.notes.filter((note) => compare(note.start, start) >= 0 && compare(note.start, end) < 0);
/** a measure as written, ties left out: a tie into or out of the passage is loosened when the notes it joined are rewritten */
const withoutTies = (measure: Measure) => JSON.parse(JSON.stringify(measure, (key, value: unknown) => (key === 'tie' ? undefined : value))) as unknown;

describe('reharmonizing a passage of a four-part chorale', () => {
  it('rewrites passages of every four-part corpus chorale', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it('keeps the soprano whole and every measure outside the passage as it was', () => {
    for (const { label, source, result, start, end } of cases) {
      const [before, after] = [voiceLines(source), voiceLines(result.score)];
      expect(after[0]!.notes, label).toEqual(before[0]!.notes);
      source.parts.forEach((part, index) => {
        const kept = (score: Score) => score.parts[index]!.measures.filter((measure) => compare(measure.offset, start) < 0 || compare(measure.offset, end) >= 0).map(withoutTies);
        expect(kept(result.score), label).toEqual(kept(source));
      });
    }
  });

  it('writes one new chord per melody slot inside the passage, and every rewritten measure is exactly full', () => {
    for (const { label, result, start, end } of cases) {
      const lines = voiceLines(result.score);
      expect(within(lines[3]!, start, end).length, label).toBe(result.chords.length);
      for (const part of result.score.parts) {
        for (const measure of part.measures) {
          const filled = measure.voices[0]!.events.reduce((sum, event) => add(sum, event.duration), ZERO);
          expect(compare(filled, measure.duration), `${label} ${part.name} m${measure.number}`).toBe(0);
        }
      }
    }
  });

  it('breaks no part-writing rule inside the passage or on the way in; on the way out, only where Bach’s own next chord does', () => {
    const broken: string[] = [];
    for (const { label, source, result, start, end } of cases) {
      const original = checkVoiceLeading(source).filter((finding) => finding.offsetQuarters === toNumber(end)).map(describeFinding);
      for (const finding of checkVoiceLeading(result.score)) {
        if (!FORBIDDEN.includes(finding.issue) || finding.offsetQuarters < toNumber(start) || finding.offsetQuarters > toNumber(end)) continue;
        const exitForcedByBach = finding.offsetQuarters === toNumber(end) && original.includes(describeFinding(finding));
        if (!exitForcedByBach) broken.push(`${label}: ${describeFinding(finding)} at ${finding.offsetQuarters}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('changes Bach’s harmony somewhere (it is a new harmonization, not a copy) and gives the same result for the same seed', () => {
    const changed = cases.filter(({ source, result, start, end }) => JSON.stringify(within(voiceLines(source)[3]!, start, end)) !== JSON.stringify(within(voiceLines(result.score)[3]!, start, end)));
    expect(changed.length).toBeGreaterThan(cases.length / 2);
    const { source } = cases[0]!;
    const numbers = source.parts[0]!.measures.map((measure) => measure.number);
    expect(reharmonizeRange(source, { from: numbers[1]!, to: numbers[2]!, seed: 7 })).toEqual(reharmonizeRange(source, { from: numbers[1]!, to: numbers[2]!, seed: 7 }));
  });
});

describe('reharmonizing a passage of a melody or lead sheet', () => {
  it('writes new chord symbols in the passage only, each holding the melody note it starts on', () => {
    const source = twinkle();
    const result = reharmonizeRange(source, { from: '2', to: '3', style: 'jazz' });
    expect(result.texture).toBe('lead-sheet');
    const measures = result.score.parts[0]!.measures;
    expect(measures[0]!.harmonies ?? []).toEqual([]);
    expect(measures[3]!.harmonies ?? []).toEqual([]);
    const symbols = [measures[1]!, measures[2]!].flatMap((measure) => measure.harmonies!.map((harmony) => ({ at: toNumber(add(measure.offset, harmony.offset)), symbol: harmony.value })));
    expect(symbols.length).toBeGreaterThanOrEqual(2);
    expect(symbols.every(({ symbol }) => symbol.figure.includes('7'))).toBe(true);
    const melody = voiceLines(result.score)[0]!;
    for (const { at, symbol } of symbols) {
      const note = melody.notes.find((candidate) => toNumber(candidate.start) === at)!;
      expect(symbol.pitches.map((pitch) => pitch.pitchClass), symbol.figure).toContain(note.pitch.pitchClass);
    }
    expect(voiceLines(result.score)[0]!.notes).toEqual(voiceLines(source)[0]!.notes);
  });
});

/** the chorale on two staves, as a hymnal prints it: soprano and alto as voices 1 and 2 of one part, tenor and bass of another */
function onTwoStaves(chorale: Score): Score {
  const [soprano, alto, tenor, bass] = chorale.parts;
  const joined = (upper: Part, lower: Part, id: string): Part => ({
    ...upper,
    id,
    measures: upper.measures.map((measure, index) => ({
      ...measure,
      voices: [{ ...measure.voices[0]!, id: '1' }, { ...lower.measures[index]!.voices[0]!, id: '2' }],
    })),
  });
  return { ...chorale, parts: [joined(soprano!, alto!, 'P1'), joined(tenor!, bass!, 'P2')] };
}

describe('reharmonizing a chorale written on two staves', () => {
  it('rewrites alto, tenor and bass where they are written, voice 2 of the upper staff and both voices of the lower, by the same rules', () => {
    const broken: string[] = [];
    let passages = 0;
    for (const { label, source, start, end } of cases.filter((_, index) => index % 5 === 0)) {
      const staves = onTwoStaves(source);
      const measures = staves.parts[0]!.measures;
      const first = measures.findIndex((measure) => compare(measure.offset, start) === 0);
      const result = reharmonizeRange(staves, { from: measures[first]!.number, to: measures[first + 1]!.number });
      passages++;
      expect(result.score.parts.length).toBe(2);
      const lines = voiceLines(result.score);
      expect(lines.map((line) => line.written)).toEqual([{ part: 0, voice: '1' }, { part: 0, voice: '2' }, { part: 1, voice: '1' }, { part: 1, voice: '2' }]);
      expect(lines[0]!.notes).toEqual(voiceLines(staves)[0]!.notes);
      for (let voice = 1; voice < 4; voice++) expect(within(lines[voice]!, start, end).length, label).toBe(result.chords.length);
      const original = checkVoiceLeading(staves).filter((finding) => finding.offsetQuarters === toNumber(end)).map(describeFinding);
      for (const finding of checkVoiceLeading(result.score)) {
        if (!FORBIDDEN.includes(finding.issue) || finding.offsetQuarters < toNumber(start) || finding.offsetQuarters > toNumber(end)) continue;
        if (!(finding.offsetQuarters === toNumber(end) && original.includes(describeFinding(finding)))) broken.push(`${label}: ${describeFinding(finding)}`);
      }
    }
    expect(passages).toBeGreaterThan(25);
    expect(broken).toEqual([]);
  });
});

/** a tune of `bars` bars of 4/4 in C, quarter notes walking up and down the scale, a half note ending every fourth bar */
function longTune(bars: number): Score {
  const scale = ['C4', 'D4', 'E4', 'F4', 'G4', 'F4', 'E4', 'D4'];
  const notes = Array.from({ length: bars }, (_, bar) =>
    bar % 4 === 3
      ? [{ pitches: [parsePitch('D4')], start: rational(bar * 4), duration: rational(2) }, { pitches: [parsePitch('C4')], start: rational(bar * 4 + 2), duration: rational(2) }]
      : [0, 1, 2, 3].map((beat) => ({ pitches: [parsePitch(scale[(bar * 4 + beat) % 8]!)], start: rational(bar * 4 + beat), duration: rational(1) })),
  ).flat();
  return buildScore({ title: 'Long tune', key: { fifths: 0 }, time: { beats: '4', beatType: 4 }, parts: [{ name: 'Melody', notes }] });
}

describe('reharmonizing a passage of a long piece', () => {
  it('bounds the work by the passage, not the piece: two bars of a tune of more than 2,000 notes are reharmonized, the whole tune is refused', () => {
    const tune = longTune(650);
    expect(voiceLines(tune)[0]!.notes.length).toBeGreaterThan(2000);
    const result = reharmonizeRange(tune, { from: '301', to: '302', style: 'pop' });
    expect(result.key).toEqual({ tonic: 0, mode: 'major' });
    expect(result.chords.length).toBe(4);
    const written = result.score.parts[0]!.measures.flatMap((measure, index) => ((measure.harmonies ?? []).length > 0 ? [index] : []));
    expect(written).toEqual([300, 301]);
    expect(() => reharmonizeRange(tune, { from: '1', to: '650' })).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });
});

describe('what reharmonize refuses', () => {
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof CadenzaError ? `${error.code}: ${error.message}` : String(error);
    }
    return 'no error';
  };

  it('refuses a texture it cannot rewrite, a popular style on four parts, and a range that is not there', () => {
    const melody = twinkle();
    const twoParts: Score = { ...melody, parts: [melody.parts[0]!, { ...melody.parts[0]!, id: 'P2', name: 'Second' }] };
    expect(codeOf(() => reharmonizeRange(twoParts, { from: '1', to: '2' }))).toMatch(/^INVALID_ARGUMENT: reharmonize rewrites a score of four voices/);
    const { source } = cases[0]!;
    const numbers = source.parts[0]!.measures.map((measure) => measure.number);
    expect(codeOf(() => reharmonizeRange(source, { from: numbers[1]!, to: numbers[2]!, style: 'pop' }))).toMatch(/^INVALID_ARGUMENT: A four-part score is reharmonized in chorale style/);
    expect(codeOf(() => reharmonizeRange(melody, { from: '3', to: '2' }))).toMatch(/^INVALID_ARGUMENT: measures: no range 3–2/);
  });
});

function describeFinding(finding: { issue: string; voices: readonly string[] }): string {
  return `${finding.issue} ${finding.voices.join('/')}`;
}
