import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { augmentedSixth, cadentialSixFours, chromaticKind } from '../../src/analysis/chromatic-chords.js';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { parseKeyName } from '../../src/analysis/roman.js';
import { hasMusic21, MUSIC21_PYTHON } from '../support/music21.js';
import { chorale, type Voice } from './chorale-score.js';
import { parsePitch } from './one-part-score.js';

const at = (score: ReturnType<typeof chorale>, measure: string, beat: number) => analyzeHarmony(score).find((harmony) => harmony.measure === measure && harmony.beat === beat);

/** C major: I IV V I | I, then the chord under test on beat 2, V, I */
function cadenceWith(alto: string, tenor: string, bass: string) {
  const voices: Voice[] = [
    [['E5', 1], ['F5', 1], ['D5', 1], ['E5', 1], ['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1]],
    [['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1], ['G4', 1], [alto, 1], ['G4', 1], ['G4', 1]],
    [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['E4', 1], [tenor, 1], ['D4', 1], ['E4', 1]],
    [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1], ['C3', 1], [bass, 1], ['G2', 1], ['C3', 1]],
  ];
  return chorale(voices);
}

describe('augmented sixths, Neapolitans, cadential six-fours and mixture in analyzeHarmony', () => {
  it('names a French sixth Fr43, not It6 (A♭ C D F♯ in C major), a predominant', () => {
    expect(at(cadenceWith('F#4', 'D4', 'Ab2'), '2', 2)).toMatchObject({ figure: 'Fr43', quality: 'French sixth', chromatic: 'augmented sixth', function: 'PD', root: 'Ab' });
  });

  it('names an Italian sixth It6 and a German sixth Ger65', () => {
    expect(at(cadenceWith('F#4', 'C4', 'Ab2'), '2', 2)).toMatchObject({ figure: 'It6', quality: 'Italian sixth' });
    expect(at(cadenceWith('F#4', 'Eb4', 'Ab2'), '2', 2)).toMatchObject({ figure: 'Ger65', quality: 'German sixth' });
  });

  it('names a Neapolitan sixth in A minor bII6, as music21 and the When in Rome analysts write it', () => {
    const score = chorale([
      [['C5', 1], ['D5', 1], ['B4', 1], ['C5', 1], ['C5', 1], ['Bb4', 1], ['G#4', 1], ['A4', 1]],
      [['A4', 1], ['A4', 1], ['G#4', 1], ['A4', 1], ['E4', 1], ['F4', 1], ['E4', 1], ['E4', 1]],
      [['E4', 1], ['F4', 1], ['E4', 1], ['E4', 1], ['A3', 1], ['D4', 1], ['B3', 1], ['C4', 1]],
      [['A2', 1], ['D3', 1], ['E3', 1], ['A2', 1], ['A2', 1], ['D3', 1], ['E3', 1], ['A2', 1]],
    ]);
    expect(at(score, '2', 2)).toMatchObject({ key: 'A minor', figure: 'bII6', chromatic: 'Neapolitan', function: 'PD' });
  });

  it('tags a tonic six-four resolving to V over the same bass a cadential six-four, a dominant, keeping its figure I64', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['E5', 1], ['D5', 1], ['C5', 4]],
      [['C5', 1], ['C5', 1], ['C5', 1], ['B4', 1], ['C5', 4]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['E4', 4]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['G3', 1], ['C3', 4]],
    ]);
    expect(at(score, '1', 3)).toMatchObject({ figure: 'I64', chromatic: 'cadential six-four', function: 'D' });
    expect(at(score, '1', 4)!.figure).toBe('V');
  });

  it('names iv in a major key mixture', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['E5', 1], ['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1]],
      [['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1], ['G4', 1], ['Ab4', 1], ['G4', 1], ['G4', 1]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['E4', 1], ['F4', 1], ['D4', 1], ['E4', 1]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1], ['C3', 1], ['F3', 1], ['G2', 1], ['C3', 1]],
    ]);
    expect(at(score, '2', 2)).toMatchObject({ key: 'C major', figure: 'iv', chromatic: 'mixture' });
  });
});

describe('chromaticKind', () => {
  it('tells the kinds apart by figure and mode', () => {
    expect(chromaticKind('bVI', 'major')).toBe('mixture');
    expect(chromaticKind('iv6', 'major')).toBe('mixture');
    expect(chromaticKind('viio7', 'major')).toBe('mixture');
    expect(chromaticKind('VI', 'minor')).toBeUndefined();
    expect(chromaticKind('I', 'minor')).toBe('mixture');
    expect(chromaticKind('V7/V', 'major')).toBe('applied');
    expect(chromaticKind('bII6', 'minor')).toBe('Neapolitan');
    expect(chromaticKind('Ger65', 'minor')).toBe('augmented sixth');
    expect(chromaticKind('ii65', 'major')).toBeUndefined();
  });

  it('finds no cadential six-four where the bass moves', () => {
    expect(cadentialSixFours([{ key: 'C major', figure: 'I64', bass: 'G' }, { key: 'C major', figure: 'V', bass: 'G' }])).toEqual([0]);
    expect(cadentialSixFours([{ key: 'C major', figure: 'I64', bass: 'G' }, { key: 'C major', figure: 'V6', bass: 'B' }])).toEqual([]);
  });
});

describe('augmentedSixth against music21', () => {
  const voicings = [
    ['C major', ['Ab3', 'C4', 'F#4']],
    ['C major', ['Ab3', 'C4', 'D4', 'F#4']],
    ['C major', ['Ab3', 'C4', 'Eb4', 'F#4']],
    ['A minor', ['F3', 'A3', 'D#4']],
    ['A minor', ['F3', 'A3', 'B3', 'D#4']],
    ['A minor', ['F3', 'A3', 'C4', 'D#4']],
    ['Eb major', ['Cb3', 'Eb3', 'A3']],
    ['Eb major', ['Cb3', 'Eb3', 'F3', 'A3']],
    ['G minor', ['Eb3', 'G3', 'Bb3', 'C#4']],
    ['D major', ['Bb2', 'D3', 'E3', 'G#3']],
  ] as const;

  it.skipIf(!hasMusic21)("names every augmented sixth as music21's romanNumeralFromChord does", () => {
    const script = [
      'import json, sys',
      'from music21 import chord, key, roman',
      'out = []',
      'for name, pitches in json.load(sys.stdin):',
      '    tonic, mode = name.split()',
      "    out.append(roman.romanNumeralFromChord(chord.Chord([p.replace('b', '-') if len(p) > 2 else p for p in pitches]), key.Key(tonic.replace('b', '-'), mode)).figure)",
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(MUSIC21_PYTHON, ['-c', script], { input: JSON.stringify(voicings), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const ours = voicings.map(([key, pitches]) => augmentedSixth(pitches.map(parsePitch), parseKeyName(key))?.figure);
    expect(ours).toEqual(JSON.parse(run.stdout));
  });
});
