/**
 * Other projects' test files for their own readers (the LilyPond MusicXML test suite, music21's MusicXML,
 * Humdrum, ABC, MEI and MIDI tests; test/fixtures/conformance): every file is read or clearly refused,
 * never an internal error, with the note count music21 10.3 reports, or a difference listed with its
 * reason in conformance-differences.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { music21Lines, outcomeOf, suites, type Outcome } from './conformance-read.js';

interface Difference {
  readonly file: string;
  readonly music21: number;
  readonly cadenza: Outcome;
  readonly reason: string;
}

const { differences } = JSON.parse(readFileSync(new URL('./conformance-differences.json', import.meta.url), 'utf8')) as { differences: Difference[] };
const listed = new Map(differences.map((difference) => [difference.file, difference]));
const lines = music21Lines();

describe('the conformance suites', () => {
  it('cover all 289 files music21 was run on, each in one named suite', () => {
    expect(lines).toHaveLength(289);
    const folders = suites().flatMap((suite) => suite.folders);
    expect(lines.filter((line) => !folders.includes(line.file.split('/')[0]!))).toEqual([]);
  });

  it('list only files that exist, each difference with its reason', () => {
    const files = new Set(lines.map((line) => line.file));
    for (const difference of differences) {
      expect(files.has(difference.file)).toBe(true);
      expect(difference.reason.length).toBeGreaterThan(60);
    }
  });

  it.each(lines.map((line) => [line.file, line] as const))('%s', (file, line) => {
    const outcome = outcomeOf(file);
    expect(String(outcome)).not.toMatch(/^INTERNAL/);
    const difference = listed.get(file);
    if (difference) expect({ music21: line.noteheads, cadenza: outcome }).toEqual({ music21: difference.music21, cadenza: difference.cadenza });
    else expect(outcome).toBe(line.noteheads);
  });
});
