#!/usr/bin/env node
/**
 * Round trips over every MusicXML score of the test corpus (test/fixtures/corpus): read, write as X, read back, for X in
 * MusicXML, MIDI, ABC, MEI and **kern. A file counts as identical when every part has the same notes (ties
 * merged): same onsets, durations and spelled pitches (MIDI: same keys — it has no spelling — with
 * spelling reported apart). Also the performance marks (dynamics, hairpins, articulations, slurs, ornaments,
 * pedal: core/mark-list.ts), per kind on the scores that have it, and the speed of each reader and writer.
 * Writes its section of bench/results.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { markLists } from '../dist/core/mark-list.js';
import { heardNotes } from '../dist/core/notes.js';
import { unfoldRepeats } from '../dist/core/unfold.js';
import { readAbc } from '../dist/formats/abc/read.js';
import { readKern } from '../dist/formats/kern/read.js';
import { writeKern } from '../dist/formats/kern/write.js';
import { writeAbc } from '../dist/formats/abc/write.js';
import { readMei } from '../dist/formats/mei/read.js';
import { writeMei } from '../dist/formats/mei/write.js';
import { readMidi } from '../dist/formats/midi/read.js';
import { writeMidi } from '../dist/formats/midi/write.js';
import { readMusicXml } from '../dist/formats/musicxml/read.js';
import { writeMusicXml } from '../dist/formats/musicxml/write.js';
import { readScore } from '../dist/formats/read-score.js';
import { SCORES as TEST_SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const SCORES = pathToFileURL(TEST_SCORES);
const files = readdirSync(SCORES, { recursive: true })
  .filter((name) => /\.(mxl|xml|musicxml)$/.test(name))
  .sort()
  .map((name) => {
    const bytes = new Uint8Array(readFileSync(new URL(name, SCORES)));
    const score = readScore(bytes, name.endsWith('.mxl') ? 'mxl' : 'musicxml').score;
    return { name, bytes, score, marks: markLists(score) };
  });
const MARK_KINDS = ['dynamics', 'hairpins', 'articulations', 'slurs', 'ornaments', 'pedals'];
/** per kind, how many scores have at least one such mark */
const markedScores = Object.fromEntries(MARK_KINDS.map((kind) => [kind, files.filter(({ marks }) => marks[kind].length > 0).length]));

const time = (start) => performance.now() - start;
const FORMATS = {
  MusicXML: { write: (score) => writeMusicXml(score), read: (text) => readMusicXml(text).score },
  MIDI: { write: (score) => writeMidi(score), read: (bytes) => readMidi(bytes).score, reference: unfoldRepeats },
  ABC: { write: (score) => writeAbc(score), read: (text) => readAbc(text).score },
  MEI: { write: (score) => writeMei(score), read: (text) => readMei(text).score },
  kern: { write: (score) => writeKern(score), read: (text) => readKern(text).score },
};

/** per part: "onset duration key" (and the spelling beside it) of every heard note */
function notes(score) {
  return score.parts.map((part) =>
    heardNotes(part).map((note) => ({ timing: `${note.start.n}/${note.start.d} ${note.end.n}/${note.end.d} ${note.pitch.midi}`, spelled: `${note.pitch.step}${note.pitch.alter}${note.pitch.octave}` })),
  );
}

function compare(original, copy) {
  const [a, b] = [notes(original), notes(copy)];
  if (a.length !== b.length) return { timing: false, spelling: false };
  const timing = a.every((part, index) => part.length === b[index].length && part.every((note, at) => note.timing === b[index][at].timing));
  const spelling = timing && a.every((part, index) => part.every((note, at) => note.spelled === b[index][at].spelled));
  return { timing, spelling };
}

const rows = Object.entries(FORMATS).map(([format, { write, read, reference }]) => {
  // MIDI has no spelling, so for it "different" means different onsets, durations or keys
  let [timing, spelling, failed] = [0, 0, 0];
  let [writeMs, readMs] = [0, 0];
  const different = [];
  const marksKept = Object.fromEntries(MARK_KINDS.map((kind) => [kind, 0]));
  const marksDiffer = new Set();
  for (const { name, score, marks } of files) {
    try {
      let started = performance.now();
      const written = write(score);
      writeMs += time(started);
      started = performance.now();
      const copy = read(written);
      readMs += time(started);
      const result = compare(reference ? reference(score) : score, copy);
      timing += result.timing ? 1 : 0;
      spelling += result.spelling ? 1 : 0;
      if (format === 'MIDI' ? !result.timing : !result.spelling) different.push(name);
      const copied = markLists(copy);
      for (const kind of MARK_KINDS) {
        if (marks[kind].length === 0) continue;
        if (JSON.stringify(copied[kind]) === JSON.stringify(marks[kind])) marksKept[kind]++;
        else marksDiffer.add(`${name} (${kind})`);
      }
    } catch (error) {
      failed++;
      different.push(`${name} (${error.code ?? error.message})`);
    }
  }
  return { format, timing, spelling, failed, writeMs, readMs, different, marksKept, marksDiffer: [...marksDiffer] };
});

const importMs = (() => {
  const started = performance.now();
  for (const { name, bytes } of files) readScore(bytes, name.endsWith('.mxl') ? 'mxl' : 'musicxml');
  return time(started);
})();

const count = files.length;
const lines = [
  '## Format fidelity: MusicXML → X → score (npm run bench, bench/fidelity.mjs)',
  '',
  `Date: ${new Date().toISOString()}  `,
  `Every MusicXML/.mxl score of the test corpus (test/fixtures/corpus, ${count} files), read, written as X, read back by Cadenza's own reader, compared part by part with ties merged. MIDI is compared with the score's repeats played out (the MIDI writer's default) and has no spelling.`,
  '',
  '| X | identical onsets, durations, keys | identical with spelling | unreadable | write files/s | read files/s | differ |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows.map((row) => `| ${row.format} | ${row.timing}/${count} | ${row.format === 'MIDI' ? '—' : `${row.spelling}/${count}`} | ${row.failed} | ${((1000 * count) / row.writeMs).toFixed(0)} | ${((1000 * count) / row.readMs).toFixed(0)} | ${row.different.join(', ') || 'none'} |`),
  '',
  `Importing the ${count} originals (MusicXML/.mxl): ${((1000 * count) / importMs).toFixed(0)} files/s.`,
  '',
  `The files/s columns are wall time on the machine as it was (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the start of the run): compare them within a run, not across runs.`,
  '',
  '### Performance marks: MusicXML → X → score',
  '',
  'Per kind, the scores that have such marks and get every one of them back identical (same part and time from the start, and for a note mark the event by its lowest key; voices, staves, measure numbering and slur numbers not compared: core/mark-list.ts). MIDI keeps no marks (its writer plays dynamics as velocities). The MEI writer leaves ornaments out (not written yet); ABC loses a mark that stands in the middle of a note, where ABC cannot place a decoration. kern has the same limit for dynamics and hairpins: a **dynam record stands on a moment where some spine has a note or rest, so a mark written between two onsets (MusicXML directions placed a little after their note, 0.125 of a quarter, are most of them) moves to the next one; and kern keeps every part on one barline grid, so the three scores whose parts disagree on a measure\'s length (beethoven/opus18no1/movement2: a cello bar of nine eighths in 4/4; opus59no3/movement2; mozart/k156/movement3: a viola bar of one quarter in 3/4) come back with those parts realigned, and their note marks with them. Of the articulations, ornaments and slurs, kern writes what it has signs for (staccato, staccatissimo, tenuto, accent, heavy accent, breath; trills, mordents, inverted mordents, turns); the others (spiccato, stress, shakes …, none of them in this corpus) are left out.',
  '',
  `| X | ${MARK_KINDS.join(' | ')} | where marks differ |`,
  `|---|${MARK_KINDS.map(() => '---:').join('|')}|---|`,
  ...rows.filter((row) => row.format !== 'MIDI').map((row) => `| ${row.format} | ${MARK_KINDS.map((kind) => `${row.marksKept[kind]}/${markedScores[kind]}`).join(' | ')} | ${row.marksDiffer.join(', ') || 'none'} |`),
  '',
];
const markdown = lines.join('\n');
writeSection('fidelity', markdown);
process.stdout.write(markdown);
