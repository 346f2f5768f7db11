#!/usr/bin/env node
/**
 * Splits the When in Rome development set (../shared/wir) into a tuning and a validation fold and writes
 * bench/harmony-folds.tsv. Deterministic (no randomness: works ordered by a hash of their names),
 * stratified (Bach chorales, Monteverdi madrigals and every other sub-corpus split on their own) and by
 * work (every movement of a quartet, sonata or symphony, every song of a collection, in one fold).
 * Every parameter of the harmonic analysis is chosen on the tuning fold; the validation fold only reports.
 */
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const WIR = new URL('../../shared/wir/', import.meta.url);
const MANIFEST = new URL('./harmony-folds.tsv', import.meta.url);

if (!existsSync(new URL('manifest.tsv', WIR))) {
  process.stderr.write('bench/harmony-folds.mjs needs ../shared/wir (the When in Rome development set) beside the repository.\n');
  process.exit(1);
}

/** Bach chorales and Monteverdi madrigals are strata of their own; the rest stratify by sub-corpus */
function stratum(piece, subcorpus) {
  if (piece.includes('/Bach,_Johann_Sebastian/Chorales/')) return 'Bach chorales';
  if (piece.includes('/Monteverdi,_Claudio/')) return 'Monteverdi madrigals';
  return subcorpus;
}

/** a chorale, a madrigal or a keyboard piece is its own work; a movement or a song belongs to its work or collection */
function work(piece, subcorpus) {
  if (subcorpus === 'Early_Choral' || subcorpus === 'Keyboard_Other') return piece;
  return piece.split('/').slice(0, -1).join('/');
}

/** FNV-1a, 32 bits: a fixed, documented order with no seed to choose */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

const rows = readFileSync(new URL('manifest.tsv', WIR), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
const works = new Map();
for (const [piece, subcorpus] of rows) {
  const key = `${stratum(piece, subcorpus)}\t${work(piece, subcorpus)}`;
  works.set(key, [...(works.get(key) ?? []), piece]);
}
const fold = new Map();
const strata = new Map();
for (const key of works.keys()) {
  const [name] = key.split('\t');
  strata.set(name, [...(strata.get(name) ?? []), key]);
}
for (const keys of strata.values()) {
  // alternate along the hash order: tuning, validation, tuning, … (the first work of a stratum tunes)
  keys.sort((a, b) => fnv1a(a) - fnv1a(b) || a.localeCompare(b));
  keys.forEach((key, index) => {
    for (const piece of works.get(key)) fold.set(piece, index % 2 === 0 ? 'tuning' : 'validation');
  });
}
const lines = ['piece\tstratum\twork\tfold'];
for (const [piece, subcorpus] of rows) lines.push(`${piece}\t${stratum(piece, subcorpus)}\t${work(piece, subcorpus)}\t${fold.get(piece)}`);
writeFileSync(MANIFEST, `${lines.join('\n')}\n`);
const counts = {};
for (const [piece, subcorpus] of rows) {
  const name = `${stratum(piece, subcorpus)} ${fold.get(piece)}`;
  counts[name] = (counts[name] ?? 0) + 1;
}
process.stdout.write(`${JSON.stringify(counts, null, 1)}\n`);
