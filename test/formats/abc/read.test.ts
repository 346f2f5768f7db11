import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeKey } from '../../../src/analysis/key.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational } from '../../../src/core/rational.js';
import type { Event } from '../../../src/core/score.js';
import { summarizeScore } from '../../../src/core/summary.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { writeAbc } from '../../../src/formats/abc/write.js';
import { TEST_SCORES, music21References } from '../../support/corpus.js';
import { differingFields, fuzzText } from '../../support/parity.js';

const TUNE = ['X:1', 'T:Test tune', 'C:Trad.', 'M:6/8', 'L:1/8', 'K:G', 'd|B>cd ^cdc|(3efg a2-a/b/|[DGB]3 z2x|]'].join('\n');

function describeEvents(events: readonly Event[]): string[] {
  return events.map((event) => {
    const what = event.kind === 'rest' ? 'rest' : event.kind === 'note' ? pitchName(event.pitch) : event.notes.map((note) => pitchName(note.pitch)).join('+');
    const tie = event.kind === 'note' && event.tie ? `~${event.tie}` : '';
    return `${what}:${formatRational(event.duration)}${tie}`;
  });
}

describe('readAbc', () => {
  const { score } = readAbc(TUNE);
  const measures = score.parts[0]!.measures;

  it('reads the header and a pickup', () => {
    expect(score.metadata).toMatchObject({ title: 'Test tune', composer: 'Trad.', sourceFormat: 'abc' });
    expect(summarizeScore(score)).toMatchObject({ timeSignature: '6/8', keySignatureFifths: 1, measureCount: 4 });
    expect(measures[0]).toMatchObject({ number: '0', duration: { n: 1, d: 2 } });
  });

  it('reads broken rhythm, accidentals carried through the bar, triplets, ties and chords', () => {
    expect(describeEvents(measures[1]!.voices[0]!.events)).toEqual(['B4:3/4', 'C5:1/4', 'D5:1/2', 'C#5:1/2', 'D5:1/2', 'C#5:1/2']);
    expect(describeEvents(measures[2]!.voices[0]!.events)).toEqual(['E5:1/3', 'F#5:1/3', 'G5:1/3', 'A5:1~start', 'A5:1/4~stop', 'B5:1/4']);
    expect(describeEvents(measures[3]!.voices[0]!.events)).toEqual(['D4+G4+B4:3/2', 'rest:1', 'rest:1/2']);
  });

  it('picks a tune out of a tune book and says when there is none', () => {
    const book = `${TUNE}\n\nX:2\nT:Second\nK:D\nDEF|\n`;
    expect(readAbc(book, { tune: 1 }).score.metadata.title).toBe('Second');
    expect(() => readAbc(book, { tune: 5 })).toThrow(/2 tunes; there is no tune 5/);
    expect(() => readAbc('T:no tune here')).toThrow(/no tune/);
    expect(() => readAbc('X:1\nT:no key\nCDE|')).toThrow(/no K:/);
  });

  it('reads modes in K: fields', () => {
    expect(summarizeScore(readAbc('X:1\nK:Ddor\nDEF|').score).keySignatureFifths).toBe(0);
    expect(summarizeScore(readAbc('X:1\nK:Ador\nABc|').score).keySignatureFifths).toBe(1);
    expect(summarizeScore(readAbc('X:1\nK:Dmix\nDEF|').score).keySignatureFifths).toBe(1);
    expect(summarizeScore(readAbc('X:1\nK:Bbmin\nBcd|').score).keySignatureFifths).toBe(-5);
  });
});

describe('readAbc agrees with music21 on the test corpus', () => {
  const { differences } = JSON.parse(readFileSync(new URL('./parity-exceptions.json', import.meta.url), 'utf8')) as { differences: { path: string; fields: string[] }[] };
  const files = [...music21References().values()].filter((reference) => reference.path.endsWith('.abc'));

  it.each(files.map((reference) => [reference.path, reference] as const))('%s', (path, reference) => {
    const { score } = readAbc(readFileSync(`${TEST_SCORES}${path}`, 'utf8'));
    const differing = differingFields(score, reference);
    expect(differing).toEqual(differences.find((difference) => difference.path === path)?.fields ?? []);
    if (differing.length === 0) expect(analyzeKey(score).name.replace(/^([A-G])b/, '$1-')).toBe(reference.key_ks);
  });

  it('never throws anything but a CadenzaError on damaged tunes', () => {
    const source = readFileSync(`${TEST_SCORES}ryansMammoth/VelocipedeHornpipe.abc`, 'utf8');
    fuzzText(source, ['[', '(9', '{', '"', '/////', '>>>>', 'Z999999', '\n', ''], 2000, (text) => readAbc(text), 5);
  });
});

describe('readAbc chord symbols', () => {
  const tune = 'X:1\nM:3/4\nL:1/4\nK:G\n"G"G2 "D7"A|"Em"B "^ritard." c "A7""C"d|\n';

  it('reads quoted chord symbols onto the note they stand above, and keeps the first of stacked ones', () => {
    const { score, diagnostics } = readAbc(tune);
    const figures = score.parts[0]!.measures.map((measure) => (measure.harmonies ?? []).map((harmony) => `${formatRational(harmony.offset)}:${harmony.value.figure}`));
    expect(figures).toEqual([['0:G', '2:D7'], ['0:Em', '2:A7']]);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringMatching(/stacked.*"C" is left out/)]);
  });

  it('writes chord symbols back where they were, and readAbc reads them again', () => {
    const { score } = readAbc(tune);
    const written = writeAbc(score);
    expect(written).toMatch(/"G"G2 "D7"A\| "Em"B c "A7"d\|/);
    expect(written.match(/^%%MIDI gchordoff$/gm)).toHaveLength(2);
    expect(readAbc(written).score.parts[0]!.measures.map((measure) => measure.harmonies?.map((harmony) => harmony.value.figure))).toEqual([['G', 'D7'], ['Em', 'A7']]);
  });
});
