#!/usr/bin/env node
/**
 * Modes of Renaissance pieces (src/analysis/modes.ts) checked against what can be checked honestly: no
 * corpus here labels modes. For the 18 Monteverdi madrigals of the When in Rome development set
 * (../shared/wir), the final found is compared with the root of the analyst's last chord (the piece's
 * last bass note when that chord is in root position) and the mode's third with the analyst's closing
 * key; for Palestrina's mass movements in music21's corpus (/work/m21src or $MUSIC21_CORPUS) the modes
 * found are counted. Nothing is tuned here. Options: --every N (Palestrina files), --no-write.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { findMode } from '../dist/analysis/modes.js';
import { readRomanLabel } from '../dist/analysis/roman-label.js';
import { readScore } from '../dist/formats/read-score.js';
import { readRomanText } from '../dist/formats/romantext/read.js';
import { writeSection } from './results-file.mjs';

const MONTEVERDI = new URL('../../shared/wir/Early_Choral/Monteverdi,_Claudio/', import.meta.url);
const PALESTRINA = `${process.env.MUSIC21_CORPUS ?? '/work/m21src/music21/corpus'}/palestrina/`;
const everyAt = process.argv.indexOf('--every');
const every = everyAt > 0 ? Number(process.argv[everyAt + 1]) : 10;
const write = !process.argv.includes('--no-write');
const MINOR_THIRD = new Set(['dorian', 'phrygian', 'aeolian']);

/** read by hand from the **kern files (the signature line and the bass spine's last note): what the mode should be */
const HAND_CHECKED = [
  ['Agnus.krn', '*k[] in every spine; bass ends 0G', 'G mixolydian'],
  ['Credo_87_c.krn', '*k[]; four parts, the lowest a tenor ending 1E', 'E phrygian'],
  ['Gloria_19_b.krn', '*k[b-] in every spine; bass ends 2D', 'D aeolian'],
  ['Kyrie_II_12.krn', '*k[]; bass ends 0EE under E G# B', 'E phrygian'],
  ['Kyrie_31_a.krn', '*k[]; bass ends 0A under A E C#', 'A aeolian'],
  ['Sanctus_96_b.krn', '*k[]; bass ends 0D under D F# A', 'D dorian'],
];

const rows = [];
let finalsAgree = 0;
let tonicsAgree = 0;
let thirdsAgree = 0;
if (existsSync(MONTEVERDI)) {
  for (const book of readdirSync(MONTEVERDI).sort()) {
    for (const number of readdirSync(new URL(`${book}/`, MONTEVERDI)).sort()) {
      const folder = new URL(`${book}/${number}/`, MONTEVERDI);
      const file = existsSync(new URL('score.mxl', folder)) ? 'score.mxl' : 'score.xml';
      const score = readScore(readFileSync(new URL(file, folder)), file.endsWith('mxl') ? 'mxl' : 'musicxml').score;
      const mode = findMode(score);
      const analysis = readRomanText(readFileSync(new URL('analysis.txt', folder), 'utf8'));
      const last = analysis.harmonies.at(-1);
      const root = last && readRomanLabel(last.figure, last.key)?.root;
      const finalAgrees = root === mode?.final;
      const tonicAgrees = last?.key.split(' ')[0] === mode?.final;
      const thirdAgrees = tonicAgrees && MINOR_THIRD.has(mode.mode) === last.key.endsWith('minor');
      finalsAgree += finalAgrees ? 1 : 0;
      tonicsAgree += tonicAgrees ? 1 : 0;
      thirdsAgree += thirdAgrees ? 1 : 0;
      const verdict = finalAgrees ? (tonicAgrees ? (thirdAgrees ? 'yes' : 'third differs') : 'ends off the tonic') : 'no';
      rows.push(`| ${book.replace('Madrigals_Book_', '')}/${number} | ${mode?.signature} | ${mode?.name} | ${mode?.ambitus ?? '–'} | ${last?.key}: ${last?.figure} | ${root} | ${verdict} |`);
    }
  }
} else process.stderr.write('../shared/wir is not there: the madrigals are not checked.\n');

const counts = new Map();
let palestrinaPieces = 0;
if (existsSync(PALESTRINA)) {
  readdirSync(PALESTRINA).filter((name) => name.endsWith('.krn')).sort().filter((_, index) => index % every === 0).forEach((name) => {
    const mode = findMode(readScore(readFileSync(`${PALESTRINA}${name}`), 'kern').score);
    const label = `${mode?.mode ?? 'none'} (${mode?.ambitus ?? '–'})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    palestrinaPieces++;
  });
} else process.stderr.write(`${PALESTRINA} is not there: Palestrina is not counted.\n`);
const handRows = existsSync(PALESTRINA)
  ? HAND_CHECKED.map(([name, read, expected]) => {
      const found = findMode(readScore(readFileSync(`${PALESTRINA}${name}`), 'kern').score);
      return `| ${name} | ${read} | ${expected} | ${found?.name} (${found?.ambitus ?? '–'}) | ${found?.name === expected ? 'right' : 'wrong'} |`;
    })
  : [];

const markdown = [
  '## Modes of Renaissance pieces (node bench/modes.mjs)',
  '',
  `Date: ${new Date().toISOString()}. analyze_key with \`modal\` (and analyze_harmony's \`mode\`) names a final and a mode: the last note of the bass part, read in the diatonic collection of the key signature most parts write (another collection only if it holds 5% more of the notes' duration), authentic or plagal from the tenor's median pitch about the final (src/analysis/modes.ts). No corpus at hand labels modes, so this checks what can be checked: nothing here was tuned on these pieces.`,
  '',
  `Monteverdi's madrigals in the When in Rome development set: the final found is the root of the analyst's last chord in ${finalsAgree} of ${rows.length}, and the tonic of the analyst's closing key in ${tonicsAgree}; where it is, the mode's third (minor for Dorian, Phrygian, Aeolian; major for Ionian, Lydian, Mixolydian) matches that key's in ${thirdsAgree} of ${tonicsAgree}. A piece the analyst closes on V (a Phrygian close on E written "a: V", a half close on A written "d: V") ends off the tonic in the analysis, on its final in the mode.`,
  '',
  '| madrigal (book/no.) | signature | mode found | ambitus | analyst\'s last chord | its root | agrees |',
  '|---|---:|---|---|---|---|---|',
  ...rows,
  '',
  'Palestrina, a handful read by hand (signature and the bass\'s last note, from the **kern text; D with one flat is Aeolian transposed, as Glarean counts the twelve modes; the ambitus was not checked by hand):',
  '',
  '| file | read by hand | mode by the rule | found | verdict |',
  '|---|---|---|---|---|',
  ...handRows,
  '',
  `Palestrina (music21's corpus, every ${every}th of its **kern files, ${palestrinaPieces} movements): ${[...counts].sort((a, b) => b[1] - a[1]).map(([label, count]) => `${label} ${count}`).join(', ')}.`,
].join('\n');
if (write) writeSection('modes', markdown);
process.stdout.write(`${markdown}\n`);
