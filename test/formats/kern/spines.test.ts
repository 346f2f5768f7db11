import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { heardNotes } from '../../../src/core/notes.js';
import { formatRational } from '../../../src/core/rational.js';
import type { Part, Score } from '../../../src/core/score.js';
import { summarizeScore } from '../../../src/core/summary.js';
import { readKern } from '../../../src/formats/kern/read.js';
import { TEST_SCORES, music21References } from '../../support/corpus.js';
import { fuzzText } from '../../support/parity.js';

const kern = (...lines: string[]) => lines.join('\n');

/** a part's notes as "pitch@start-end" in quarter notes from the start of the score */
const heard = (part: Part) => heardNotes(part).map((note) => `${note.pitch.step}${note.pitch.alter === 1 ? '#' : ''}${note.pitch.octave}@${formatRational(note.start)}-${formatRational(note.end)}`);

/** per measure, per voice: "id: pitch@offset …" */
const voices = (part: Part) =>
  part.measures.map((measure) =>
    measure.voices.map((voice) => `${voice.id}: ${voice.events.map((event) => (event.kind === 'note' ? `${event.pitch.step}${event.pitch.octave}` : event.kind) + '@' + formatRational(event.offset)).join(' ')}`),
  );

/** one voice of a part as a part of its own (heardNotes merges ties by pitch across a part's voices) */
const voicePart = (part: Part, id: string): Part => ({ ...part, measures: part.measures.map((measure) => ({ ...measure, voices: measure.voices.filter((voice) => voice.id === id) })) });

const refusal = (text: string) => {
  try {
    readKern(text);
  } catch (error) {
    return isCadenzaError(error) ? error.message : `not a CadenzaError: ${String(error)}`;
  }
  return 'read';
};

describe('readKern follows spine splits and merges', () => {
  // the top part splits for two beats: E F over a held G, then merges again; the bass beside it keeps its column
  const split = kern('**kern\t**kern', '*M4/4\t*M4/4', '=1\t=1', '1C\t4c', '*\t*^', '.\t4e\t2g', '.\t4f\t.', '*\t*v\t*v', '.\t4c', '=2\t=2', '1G\t1d', '*-\t*-');
  const { score, diagnostics } = readKern(split);

  it('reads the split spine as a second voice of the same part, with exact onsets', () => {
    expect(score.parts.map((part) => part.id)).toEqual(['spine-2', 'spine-1']);
    expect(voices(score.parts[0]!)).toEqual([['1: C4@0 E4@1 F4@2 C4@3', '2: G4@1'], ['1: D4@0']]);
    expect(heard(score.parts[0]!)).toEqual(['C4@0-1', 'E4@1-2', 'G4@1-3', 'F4@2-3', 'C4@3-4', 'D4@4-8']);
    expect(heard(score.parts[1]!)).toEqual(['C3@0-4', 'G3@4-8']);
    expect(summarizeScore(score)).toMatchObject({ measureCount: 2, durationQuarters: 8, noteCount: 8 });
    expect(diagnostics).toEqual([]);
  });

  it('starts a voice split off in the middle of a held note at the next data line', () => {
    const { score: held } = readKern(kern('**kern\t**kern', '1C\t4c', '*^\t*', '.\t4E\t4d', '.\t.\t2e', '*v\t*v\t*', '.\t.', '*-\t*-'));
    expect(heard(held.parts[1]!)).toEqual(['C3@0-4', 'E3@1-2']);
    expect(heard(held.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2', 'E4@2-4']);
  });

  it('goes on after a merge from where the longest of the merged voices ends', () => {
    const { score: merged } = readKern(kern('**kern\t**kern', '*\t*^', '4C\t4e\t2g', '4D\t.\t.', '*\t*v\t*v', '4E\t4c', '*-\t*-'));
    expect(heard(merged.parts[0]!)).toEqual(['E4@0-1', 'G4@0-2', 'C4@2-3']);
  });

  it('exchanges two adjacent spines, parts keeping their notes', () => {
    const { score: swapped } = readKern(kern('**kern\t**kern', '4C\t4c', '*x\t*x', '4d\t4D', '*x\t*x', '4E\t4e', '*-\t*-'));
    expect(heard(swapped.parts[1]!)).toEqual(['C3@0-1', 'D3@1-2', 'E3@2-3']);
    expect(heard(swapped.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2', 'E4@2-3']);
  });

  it('exchanges sub-spines of one part, each voice keeping its notes', () => {
    const { score: swapped } = readKern(kern('**kern', '*^', '4c\t4e', '*x\t*x', '4f\t4d', '*v\t*v', '4c', '*-'));
    expect(voices(swapped.parts[0]!)).toEqual([['1: C4@0 D4@1 C4@2', '2: E4@0 F4@1']]);
  });

  it('reads a spine added with *+ as a new voice of its part, and ignores one added as **text', () => {
    const { score: added } = readKern(kern('**kern', '4c', '*+', '*\t**kern', '4d\t4f', '*v\t*v', '4e', '*+', '*\t**text', '4g\tla', '*\t*-', '*-'));
    expect(voices(added.parts[0]!)).toEqual([['1: C4@0 D4@1 E4@2 G4@3', '2: F4@1']]);
    expect(heard(added.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2', 'F4@1-2', 'E4@2-3', 'G4@3-4']);
  });

  it('ends a spine in the middle of the file while the others go on', () => {
    const { score: ended } = readKern(kern('**kern\t**kern', '=1\t=1', '4C\t4c', '4D\t4d', '*\t*-', '=2', '4E', '4F', '*-'));
    expect(heard(ended.parts[1]!)).toEqual(['C3@0-1', 'D3@1-2', 'E3@2-3', 'F3@3-4']);
    expect(heard(ended.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2']);
    expect(ended.parts.map((part) => part.measures.length)).toEqual([2, 2]);
    expect(voices(ended.parts[0]!)[1]).toEqual(['1: ']);
  });

  it('follows a **text spine split beside the **kern spine, merging each with its own', () => {
    const text = kern('**kern\t**text', '*^\t*^', '4c\t4e\tKy-\tla', '4d\t4f\t-ri-\tlo', '*v\t*v\t*v\t*v', '2c\t-e', '*-\t*-');
    const { score: texted, diagnostics: notes } = readKern(text);
    expect(voices(texted.parts[0]!)).toEqual([['1: C4@0 D4@1 C4@2', '2: E4@0 F4@1']]);
    expect(notes).toEqual([]);
    const lyricSplitAlone = kern('**kern\t**text', '4c\tKy-', '*\t*^', '4d\t-ri-\te', '*\t*v\t*v', '4e\t-e', '*-\t*-');
    expect(heard(readKern(lyricSplitAlone).score.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2', 'E4@2-3']);
  });

  it('keeps a sub-spine repeating its sibling\'s meter once', () => {
    const { score: meters } = readKern(kern('**kern', '*^', '*M3/4\t*M3/4', '=1\t=1', '2.c\t2.e', '*v\t*v', '*-'));
    expect(meters.parts[0]!.measures[0]!.times).toHaveLength(1);
  });
});

describe('readKern refuses broken spine paths, naming the line', () => {
  it('refuses a line whose token count does not match the open spines', () => {
    expect(refusal(kern('**kern', '*^', '4c', '*-'))).toMatch(/line 3: 1 spines where 2 were open/);
    expect(refusal(kern('**kern', '*^', '4c\t4d', '*v\t*v', '4c\t4d'))).toMatch(/line 5: 2 spines where 1 were open/);
  });

  it('refuses a merge of spines that are not adjacent, or of different parts', () => {
    expect(refusal(kern('**kern', '*^', '*^\t*', '4c\t4d\t4e', '*v\t*\t*v', '*-\t*-\t*-'))).toMatch(/line 5: the merge \(\*v\) in column 1/);
    expect(refusal(kern('**kern\t**kern', '4c\t4d', '*v\t*v', '*-'))).toMatch(/line 3: the merge/);
  });

  it('refuses an exchange without a partner', () => {
    expect(refusal(kern('**kern\t**kern\t**kern', '*x\t*\t*x'))).toMatch(/line 2: the exchange \(\*x\) in column 1 has no partner/);
  });

  it('reads a split that is never closed, with a diagnostic naming the split', () => {
    const { score, diagnostics } = readKern(kern('**kern\t**kern', '4c\t4d', '*^\t*', '4e\t4g\t4f'));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 3, partId: 'spine-1' })]);
    expect(diagnostics[0]!.message).toMatch(/split or added at line 3/);
    expect(heard(score.parts[1]!)).toEqual(['C4@0-1', 'E4@1-2', 'G4@1-2']);
  });

  it('warns about records after every spine has ended, and about a **kern spine added beside a **text one', () => {
    const after = readKern(kern('**kern', '4c', '*-', '4d', '!!!OTL: Kept'));
    expect(after.diagnostics).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/ignored/) })]);
    expect(after.score.metadata.title).toBe('Kept');
    expect(heard(after.score.parts[0]!)).toEqual(['C4@0-1']);
    const late = readKern(kern('**kern\t**text', '4c\tla', '*\t*+', '*\t*\t**kern', '4d\tli\t4e', '*-\t*-\t*-'));
    expect(late.diagnostics).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/column 3.*not read/) })]);
    expect(heard(late.score.parts[0]!)).toEqual(['C4@0-1', 'D4@1-2']);
  });

  // its speed (about 2 s; a quadratic pass over 10^5 spines would take minutes) is measured by bench/pathological-inputs.mjs
  it('reads 10^5 split and merge cycles and a spine split into 2^17 columns', () => {
    const cycles = ['**kern', ...Array.from({ length: 100_000 }, () => '*^\n4c\t4e\n*v\t*v'), '*-'].join('\n');
    const { score } = readKern(cycles);
    expect(summarizeScore(score).noteCount).toBe(200_000);
    const wide = ['**kern'];
    for (let columns = 1; columns < 2 ** 17; columns *= 2) wide.push(Array.from({ length: columns }, () => '*^').join('\t'));
    wide.push(Array.from({ length: 2 ** 17 }, () => '4c').join('\t'), Array.from({ length: 2 ** 17 }, () => '*v').join('\t'), '4d', '*-');
    const { score: split } = readKern(wide.join('\n'));
    expect(split.parts[0]!.measures[0]!.voices).toHaveLength(2 ** 17);
    expect(summarizeScore(split).noteCount).toBe(2 ** 17 + 1);
  });
});

describe('readKern on corpus files rewritten with spine manipulations', () => {
  const references = music21References();

  /** Credo_29_d with its two tenor spines encoded as sub-spines of one: split after the header, merged before the end */
  function tenorsAsSubSpines(): { original: Score; rewritten: Score; text: string } {
    const source = readFileSync(`${TEST_SCORES}palestrina/Credo_29_d.krn`, 'utf8');
    const lines = source.split('\n');
    const header = lines.findIndex((line) => line.startsWith('**'));
    const end = lines.findIndex((line) => line.startsWith('*-'));
    const rewritten = [...lines.slice(0, header), '**kern\t**kern\t**kern', '*\t*^\t*', ...lines.slice(header + 1, end), '*\t*v\t*v\t*', '*-\t*-\t*-', ...lines.slice(end + 1)];
    return { original: readKern(source).score, rewritten: readKern(rewritten.join('\n')).score, text: rewritten.join('\n') };
  }

  it('reads the tenors as two voices of one part, with the same notes and music21\'s note count', () => {
    const { original, rewritten } = tenorsAsSubSpines();
    expect(rewritten.parts).toHaveLength(3);
    expect(heard(voicePart(rewritten.parts[1]!, '1'))).toEqual(heard(original.parts[2]!));
    expect(heard(voicePart(rewritten.parts[1]!, '2'))).toEqual(heard(original.parts[1]!));
    expect(heard(rewritten.parts[0]!)).toEqual(heard(original.parts[0]!));
    expect(heard(rewritten.parts[2]!)).toEqual(heard(original.parts[3]!));
    expect(summarizeScore(rewritten).noteCount).toBe(references.get('palestrina/Credo_29_d.krn')!.noteheads);
    expect(rewritten.parts[1]!.measures.every((measure) => measure.voices.length === 2)).toBe(true);
  });

  it('never throws anything but a CadenzaError when its spine paths are damaged', () => {
    const { text } = tenorsAsSubSpines();
    fuzzText(text, ['*^\t', '\t*^', '*v\t*v\t', '*x\t*x', '*+\t', '\n*\t*+\t*\t*\n*\t*\t**kern\t*\t*\n', '*-\t', '\n*\t*v\t*v\t*\n', '.\t', '\t'], 1500, (mutant) => readKern(mutant), 5);
  });
});
