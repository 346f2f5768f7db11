import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { pitch, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event, Measure, Score } from '../../src/core/score.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';

type Voice = [string, number][]; // ["C4", quarters]

function parse(name: string) {
  const match = /^([A-G])(#|b)?(\d)$/.exec(name)!;
  return pitch(match[1] as Step, match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0, Number(match[3]));
}

/** SATB in 4/4, one measure per four quarters of each voice */
function chorale(voices: Voice[]): Score {
  const parts = voices.map((voice, index) => {
    const measures: Measure[] = [];
    let at = 0;
    let events: Event[] = [];
    for (const [name, length] of voice) {
      events.push({ kind: 'note', pitch: parse(name), offset: rational((at % 4) * 2, 2), duration: rational(length * 2, 2) });
      at += length;
      if (at % 4 === 0) {
        const measureIndex = at / 4 - 1;
        measures.push({ number: String(measureIndex + 1), index: measureIndex, offset: rational(measureIndex * 4), duration: rational(4), voices: [{ id: '1', events }], ...(measureIndex === 0 ? { times: [{ offset: rational(0), value: { beats: '4', beatType: 4 } }] } : {}) });
        events = [];
      }
    }
    return { id: `P${index}`, staffCount: 1, measures };
  });
  return { metadata: { sourceFormat: 'generated' }, parts };
}

const figures = (score: Score) => analyzeHarmony(score).map((harmony) => `${harmony.measure}.${harmony.beat} ${harmony.figure}`);

describe('analyzeHarmony', () => {
  it('spells a root with its accidental, as it spells the bass: A♭ major is rooted on Ab (ab.abc)', () => {
    const bytes = readFileSync(new URL('../fixtures/conformance/cases/ab.abc', import.meta.url));
    const harmonies = analyzeHarmony(readScore(bytes, 'abc').score);
    expect(harmonies.map(({ root, bass }) => [root, bass])).toEqual([['Ab', 'Ab'], ['Eb', 'Eb'], ['Ab', 'Ab']]);
  });

  it('names the root of every harmony, spelled in its key where an incomplete chord leaves the root unsounded (Beethoven op. 18 no. 1, ii)', () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}beethoven/opus18no1/movement2.mxl`)), 'mxl').score;
    const harmonies = analyzeHarmony(score);
    expect(harmonies.filter((harmony) => !/^[A-G](#*|b*)$/.test(harmony.root))).toEqual([]);
    expect(harmonies.some((harmony) => !harmony.pitches.some((pitch) => `${pitch.step}${pitch.alter > 0 ? '#'.repeat(pitch.alter) : 'b'.repeat(-pitch.alter)}` === harmony.root))).toBe(true);
  });

  it('names a plain cadence I–IV–V7–I in C major', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['C5', 1]],
      [['G4', 1], ['A4', 1], ['B4', 1], ['G4', 1]],
      [['C4', 1], ['C4', 1], ['F4', 1], ['E4', 1]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1]],
    ]);
    expect(figures(score)).toEqual(['1.1 I', '1.2 IV', '1.3 V7', '1.4 I']);
    expect(new Set(analyzeHarmony(score).map((harmony) => harmony.key))).toEqual(new Set(['C major']));
  });

  it('spells a key as its notes are written: D♭ major with I, not C♯ major with bbII', () => {
    const score = chorale([
      [['F5', 1], ['Gb5', 1], ['Eb5', 1], ['Db5', 1]],
      [['Ab4', 1], ['Bb4', 1], ['C5', 1], ['Ab4', 1]],
      [['Db4', 1], ['Db4', 1], ['Gb4', 1], ['F4', 1]],
      [['Db3', 1], ['Gb3', 1], ['Ab3', 1], ['Db3', 1]],
    ]);
    expect(figures(score)).toEqual(['1.1 I', '1.2 IV', '1.3 V7', '1.4 I']);
    expect(new Set(analyzeHarmony(score).map((harmony) => harmony.key))).toEqual(new Set(['Db major']));
  });

  it('lets a passing tone pass without a new harmony', () => {
    const score = chorale([
      [['E5', 0.5], ['D5', 0.5], ['C5', 1], ['B4', 1], ['C5', 1]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1]],
      [['C4', 1], ['F4', 1], ['D4', 1], ['E4', 1]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1]],
    ]);
    expect(figures(score)[0]).toBe('1.1 I');
    expect(figures(score)).not.toContain('1.1.5 ii');
  });

  it('names an applied dominant V7/V on the way to V, in a C major context', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['C5', 1], ['E5', 1], ['C5', 1], ['B4', 1], ['C5', 1]],
      [['G4', 1], ['A4', 1], ['B4', 1], ['G4', 1], ['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1]],
      [['C4', 1], ['C4', 1], ['F4', 1], ['E4', 1], ['C4', 1], ['F#4', 1], ['D4', 1], ['E4', 1]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1], ['C3', 1], ['D3', 1], ['G2', 1], ['C3', 1]],
    ]);
    // the tonic held across the barline is one harmony: entries mark changes
    expect(figures(score).slice(3)).toEqual(['1.4 I', '2.2 V7/V', '2.3 V', '2.4 I']);
  });

  it('takes the bass from the bass part where an upper part is written an octave too low', () => {
    // the tenor lies below the bass throughout: an octave-treble clef exported an octave off
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['C5', 1]],
      [['G4', 1], ['A4', 1], ['B4', 1], ['G4', 1]],
      [['E2', 1], ['C2', 1], ['D2', 1], ['E2', 1]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1]],
    ]);
    expect(figures(score)).toEqual(['1.1 I', '1.2 IV', '1.3 V', '1.4 I']);
  });

  it('hears an opening in the key its first chord proposes: BWV 347 in A major, madrigal 3.14 in G minor', () => {
    // their first bars' notes alone point to D major and to D minor
    const opening = (path: string, count: number) => analyzeHarmony(readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${path}`)), 'mxl').score).slice(0, count);
    // (at m. 1 beat 4 it turns to E: the analyst's V6/V in A, read now as V6 in E, a chord early)
    expect(new Set(opening('bach/bwv347.mxl', 4).map((harmony) => harmony.key))).toEqual(new Set(['A major']));
    // (the first slot, a lone G before the other voices enter, is a harmony of its own: figures repeated are merged)
    const madrigal = opening('monteverdi/madrigal.3.14.mxl', 6).map((harmony) => `${harmony.key} ${harmony.figure}`);
    expect(madrigal.filter((label, index) => label !== madrigal[index - 1]).slice(0, 5)).toEqual(['G minor i', 'G minor III', 'G minor VII', 'G minor i', 'G minor V']);
  });
});
