/** analyze_key names the same key as music21 10.3 on every MusicXML file of the test corpus, for every weighting. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeKey, KEY_WEIGHTINGS } from '../../src/analysis/key.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES, music21References } from '../support/corpus.js';

const files = [...music21References().values()].filter((reference) => /\.(mxl|xml|musicxml)$/.test(reference.path));

/** "Bb minor" → music21's "B- minor" */
const music21Name = (name: string) => name.replace(/^([A-G])b/, '$1-');

describe('key analysis agrees with music21 on the test corpus', () => {
  const scores = new Map(files.map((reference) => [reference.path, readMusicXml(readFileSync(`${TEST_SCORES}${reference.path}`)).score]));

  it('finds music21\'s default key (Aarden–Essen) with the same correlation on every file', () => {
    const disagreements = files.filter((reference) => {
      const key = analyzeKey(scores.get(reference.path)!);
      return music21Name(key.name) !== reference.key_ks || Math.abs(key.correlation - reference.key_corr) > 1e-4;
    });
    expect(disagreements.map((reference) => reference.path)).toEqual([]);
  });

  // The issue asks for at least 98%; every file agrees, so any new disagreement is a regression to look at.
  it.each(KEY_WEIGHTINGS)('names the same key as music21 with %s profiles on every file', (method) => {
    const disagreeing = files.filter((reference) => music21Name(analyzeKey(scores.get(reference.path)!, { method }).name) !== reference.keys[method]);
    expect(disagreeing.map((reference) => reference.path)).toEqual([]);
  });
});
