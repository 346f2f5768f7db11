/** What Cadenza writes as MusicXML validates against the official MusicXML 4.0 XSD (xmllint, offline). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Score } from '../../../src/core/score.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { generateCantusFirmus } from '../../../src/generate/counterpoint/cantus-firmus.js';
import { generateCounterpoint } from '../../../src/generate/counterpoint/generate.js';
import { modalKey } from '../../../src/generate/counterpoint/modes.js';
import { counterpointScore } from '../../../src/generate/counterpoint/write-score.js';
import { harmonizeMelody } from '../../../src/generate/harmonize/harmonize.js';
import { TEST_SCORES, music21References } from '../../support/corpus.js';
import { withIds } from '../../../src/core/ids.js';
import { ARTICULATIONS, DYNAMIC_MARKS, ORNAMENTS } from '../../../src/core/marks.js';

const SCHEMA = fileURLToPath(new URL('../../fixtures/musicxml-4.0/', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-xsd-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** xmllint's verdict per file: the lines it prints for each invalid one (the schema is read once) */
function validate(files: readonly string[]): { invalid: string[]; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMA, 'musicxml.xsd'), ...files], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: join(SCHEMA, 'catalog.xml') },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const invalid = files.filter((file) => !run.stderr.includes(`${file} validates`));
  return { invalid, output: run.stderr };
}

function written(name: string, score: Score): string {
  const file = join(folder, `${name.replace(/\W+/g, '_')}.musicxml`);
  writeFileSync(file, writeMusicXml(score));
  return file;
}

describe('MusicXML written by Cadenza against the MusicXML 4.0 XSD', () => {
  it('validates for every MusicXML score of the corpus, read and written again with the ids stored scores carry', () => {
    const paths = [...music21References().values()].filter((reference) => /\.(mxl|xml)$/.test(reference.path)).map((reference) => reference.path);
    expect(paths.length).toBeGreaterThan(50);
    const files = paths.map((path) => written(path, withIds(readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score)));
    const { invalid, output } = validate(files);
    expect(invalid, output.split('\n').filter((line) => !line.endsWith('validates')).slice(0, 20).join('\n')).toEqual([]);
  });

  it('validates for generated scores: a harmonization with lead-sheet chord symbols and a counterpoint', () => {
    const chorale = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const soprano = { ...chorale, parts: [chorale.parts[0]!] };
    const key = modalKey('D', 'dorian');
    const exercise = generateCounterpoint({ key, cantus: generateCantusFirmus(key, 11, 4), species: 4, placement: 'above', seed: 4 }).exercise;
    const files = [
      written('chorale', harmonizeMelody(soprano).score),
      written('jazz', harmonizeMelody(soprano, { style: 'jazz' }).score),
      written('lead-sheet', harmonizeMelody(soprano, { style: 'pop', output: 'lead-sheet' }).score),
      written('counterpoint', counterpointScore(exercise)),
    ];
    const { invalid, output } = validate(files);
    expect(invalid, output).toEqual([]);
  });

  it('validates for a score with segno, coda, fine, D.C., D.S. and To Coda marks, labelled or not', () => {
    const chorale = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const kinds = ['segno', 'coda', 'fine', 'daCapo', 'dalSegno', 'toCoda'] as const;
    const part = chorale.parts[0]!;
    const measures = part.measures.map((measure, index) => {
      const kind = kinds[index % kinds.length]!;
      const label = index >= kinds.length ? { label: `mark & ${index}` } : {};
      return { ...measure, navigation: [{ kind, offset: index % 2 === 0 ? measure.duration : { n: 0, d: 1 }, ...label }] };
    });
    const marked: Score = { ...chorale, parts: [{ ...part, measures }] };
    const file = written('navigation', marked);
    expect(readFileSync(file, 'utf8')).toContain('<sound dalsegno="segno"/>');
    const { invalid, output } = validate([file]);
    expect(invalid, output).toEqual([]);
  });

  it('validates for a score carrying every dynamic, articulation and ornament the model names, with hairpins, slurs and pedal', () => {
    const chorale = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const part = chorale.parts[0]!;
    const measures = part.measures.map((measure, index) => ({
      ...measure,
      // two per measure, so every name is used
      dynamics: [0, 1].map((second) => ({ offset: { n: second, d: 1 }, value: DYNAMIC_MARKS[(2 * index + second) % DYNAMIC_MARKS.length]! })),
      hairpins: [{ offset: { n: 0, d: 1 }, value: { type: index % 2 === 0 ? 'crescendo' : 'diminuendo', number: 1 } as const }, { offset: measure.duration, value: { type: 'stop', number: 1 } as const }],
      pedals: [{ offset: { n: 0, d: 1 }, value: { type: 'start' } as const }, { offset: measure.duration, value: { type: 'stop' } as const }],
      voices: measure.voices.map((voice) => ({
        ...voice,
        events: voice.events.map((event, at) => ({
          ...event,
          articulations: [ARTICULATIONS[(index + at) % ARTICULATIONS.length]!],
          ornaments: [ORNAMENTS[(index + at) % ORNAMENTS.length]!],
          slurs: [{ type: at === 0 ? 'start' : 'stop', number: 1 } as const],
        })),
      })),
    }));
    expect(2 * measures.length).toBeGreaterThan(DYNAMIC_MARKS.length);
    const file = written('marks', { ...chorale, parts: [{ ...part, measures }] });
    const { invalid, output } = validate([file]);
    expect(invalid, output).toEqual([]);
  });

  it('notices an invalid document (the check can fail)', () => {
    const file = join(folder, 'broken.musicxml');
    writeFileSync(file, writeMusicXml(readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)).score).replace('<divisions>', '<divisons>'));
    expect(validate([file]).invalid).toEqual([file]);
  });
});
