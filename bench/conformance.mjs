#!/usr/bin/env node
/**
 * Format conformance: every file of test/fixtures/conformance (other projects' test files for their own
 * readers) read as import_score reads it, per suite: files, internal errors, clear refusals, the same note
 * count as music21 10.3, and the differences test/formats/conformance-differences.json lists with their
 * reasons. Writes its section of bench/results.md. Needs dist/ (npm run build).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { isCadenzaError } from '../dist/core/errors.js';
import { summarizeScore } from '../dist/core/summary.js';
import { readScore, resolveFormat } from '../dist/formats/read-score.js';
import { writeSection } from './results-file.mjs';

const ROOT = new URL('../test/fixtures/conformance/', import.meta.url);
const { suites } = JSON.parse(readFileSync(new URL('suites.json', ROOT), 'utf8'));
const { differences } = JSON.parse(readFileSync(new URL('../test/formats/conformance-differences.json', import.meta.url), 'utf8'));
const listed = new Map(differences.map((difference) => [difference.file, difference]));
const lines = readFileSync(new URL('music21-reference.jsonl', ROOT), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** a note count, { refused: code } or { internal: message } */
function outcomeOf(file) {
  const bytes = new Uint8Array(readFileSync(new URL(file, ROOT)));
  try {
    return summarizeScore(readScore(bytes, resolveFormat(bytes, undefined, file)).score).noteCount;
  } catch (error) {
    return isCadenzaError(error) && error.code !== 'INTERNAL' ? { refused: error.code } : { internal: String(error) };
  }
}

const rows = suites.map((suite) => {
  const files = lines.filter((line) => suite.folders.includes(line.file.split('/')[0]));
  const tally = { files: files.length, internal: [], refused: 0, same: 0, listed: [], unexplained: [] };
  for (const line of files) {
    const outcome = outcomeOf(line.file);
    if (typeof outcome === 'object' && outcome.internal) tally.internal.push(`${line.file}: ${outcome.internal}`);
    if (typeof outcome === 'object' && outcome.refused) tally.refused++;
    if (outcome === line.noteheads) tally.same++;
    else if (listed.has(line.file)) tally.listed.push(listed.get(line.file));
    else tally.unexplained.push(`${line.file}: music21 ${line.noteheads}, Cadenza ${JSON.stringify(outcome)}`);
  }
  return { suite, tally };
});

const cadenzaText = (value) => (typeof value === 'number' ? String(value) : value);
const markdown = [
  '## Format conformance (node bench/conformance.mjs)',
  '',
  `${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. Every file of test/fixtures/conformance`,
  '(289 test files other projects wrote for their own readers; sources and licences in its README) imported as `import_score`',
  "imports it (an ABC tune book: its first tune), its note count compared with music21 10.3's (sounding noteheads, chord-symbol",
  'pitches included, unpitched percussion not). Differences are listed with their reason in test/formats/conformance-differences.json;',
  'test/formats/conformance.test.ts holds them in place.',
  '',
  '| suite | files | INTERNAL errors | clear refusals | same note count as music21 | listed differences | unexplained |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(({ suite, tally }) => `| ${suite.name} | ${tally.files} | ${tally.internal.length} | ${tally.refused} | ${tally.same}/${tally.files} | ${tally.listed.length} | ${tally.unexplained.length} |`),
  '',
  '**Listed differences** (music21 → Cadenza: reason)',
  '',
  ...rows.flatMap(({ suite, tally }) => tally.listed.map((difference) => `- ${suite.name}, \`${difference.file}\`: ${difference.music21} → ${cadenzaText(difference.cadenza)}. ${difference.reason}`)),
  ...rows.flatMap(({ tally }) => [...tally.internal, ...tally.unexplained]).map((problem) => `- **not explained**: ${problem}`),
].join('\n');

writeSection('format-conformance', markdown);
console.log(markdown);
