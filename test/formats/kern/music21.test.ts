/**
 * The **kern Cadenza writes, read by a second program: music21's Humdrum parser finds the same notes (pitch,
 * onset, duration; chords note by note), articulations, ornaments and fermatas as the score they were
 * written from, and the dynamics it attaches. music21 attaches a **dynam token only on a record where the
 * part's own spine has a note or rest, and reads neither hairpins nor slurs from kern, so those are checked
 * by our own reader (write.test.ts). Needs music21 (MUSIC21_PYTHON, default /work/m21venv/bin/python):
 * skipped where it is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Articulation } from '../../../src/core/marks.js';
import type { Pitch } from '../../../src/core/pitch.js';
import { add, toNumber } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { writeKern } from '../../../src/formats/kern/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';
import { MUSIC21_PYTHON as PYTHON, hasMusic21 as music21 } from '../../support/music21.js';

const SCRIPT = fileURLToPath(new URL('../../support/music21_kern.py', import.meta.url));
/** scores with marks of every kind music21 reads from kern: a chorale's fermatas, quartets' dynamics, articulations, trills */
const SCORES = ['bach/bwv66.6.mxl', 'mozart/k156/movement1.mxl', 'mozart/k80/movement3.mxl', 'beethoven/opus59no3/movement3.mxl', 'schumann_robert/opus41no1/movement2.mxl'];
/** music21 reads ' ` ~ ^ as these (and ^^, our strong accent, as an accent); the breath mark , it does not read */
const READ_BY_MUSIC21: Readonly<Partial<Record<Articulation, string>>> = { staccato: 'staccato', staccatissimo: 'staccatissimo', tenuto: 'tenuto', accent: 'accent', 'strong-accent': 'accent' };

interface Marks {
  notes: string[];
  articulations: string[];
  ornaments: string[];
  fermatas: string[];
  dynamics: string[];
}

const folder = mkdtempSync(join(tmpdir(), 'cadenza-kern-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function nameWithOctave(pitch: Pitch): string {
  return `${pitch.step}${pitch.alter > 0 ? '#'.repeat(pitch.alter) : '-'.repeat(-pitch.alter)}${pitch.octave}`;
}

/** what the score holds, as the script prints music21's findings; dynamics only where the part has an event */
function ourMarks(score: Score): Marks {
  const found: Marks = { notes: [], articulations: [], ornaments: [], fermatas: [], dynamics: [] };
  score.parts.forEach((part, index) => {
    for (const measure of part.measures) {
      const at = (offset: Parameters<typeof add>[0]) => `${index} ${toNumber(add(measure.offset, offset)).toFixed(4)}`;
      const onsets = new Set<string>();
      for (const event of measure.voices.flatMap((voice) => voice.events)) {
        onsets.add(at(event.offset));
        if (event.fermata) found.fermatas.push(at(event.offset));
        if (event.kind === 'rest' || event.duration.n === 0) continue;
        for (const note of event.kind === 'note' ? [event] : event.notes) found.notes.push(`${at(event.offset)} ${toNumber(event.duration).toFixed(4)} ${nameWithOctave(note.pitch)}`);
        const articulations = new Set((event.articulations ?? []).map((name) => READ_BY_MUSIC21[name]).filter(Boolean));
        for (const name of articulations) found.articulations.push(`${at(event.offset)} ${name}`);
        for (const name of new Set(event.ornaments ?? [])) found.ornaments.push(`${at(event.offset)} ${name}`);
      }
      for (const mark of measure.dynamics ?? []) if (onsets.has(at(mark.offset))) found.dynamics.push(`${at(mark.offset)} ${mark.value}`);
    }
  });
  for (const list of Object.values(found)) list.sort();
  return found;
}

describe.skipIf(!music21)('**kern written by Cadenza, read by music21', () => {
  it('gives music21 the same notes, articulations, ornaments, fermatas and dynamics', () => {
    const written = SCORES.map((path) => {
      const score = readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;
      const file = join(folder, `${path.replace(/\W+/g, '_')}.krn`);
      writeFileSync(file, writeKern(score));
      return { file, score };
    });
    const run = spawnSync(PYTHON, [SCRIPT, ...written.map(({ file }) => file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Marks & { path: string });
    const totals = { notes: 0, articulations: 0, ornaments: 0, fermatas: 0, dynamics: 0 };
    for (const { file, score } of written) {
      const answer = answers.find(({ path }) => path === file)!;
      const ours = ourMarks(score);
      for (const kind of ['notes', 'articulations', 'ornaments', 'fermatas'] as const) {
        expect(answer[kind].sort(), `${file} ${kind}`).toEqual(ours[kind]);
        totals[kind] += ours[kind].length;
      }
      // a dynamic written where another part moves is on a record of "." for this part: music21 drops it
      expect(ours.dynamics.filter((mark) => !answer.dynamics.includes(mark)), file).toEqual([]);
      totals.dynamics += ours.dynamics.length;
    }
    expect(totals.notes).toBeGreaterThan(5000);
    expect(totals.articulations).toBeGreaterThan(150);
    expect(totals.ornaments).toBeGreaterThan(10);
    expect(totals.fermatas).toBeGreaterThan(5);
    expect(totals.dynamics).toBeGreaterThan(100);
  }, 300_000);
});
