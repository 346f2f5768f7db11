/**
 * The chord progressions suggest_continuation learns from and is measured on: analyze_harmony's roman
 * numerals (in their local keys, a repeated numeral kept once) over the pieces in several voices of
 * music21's corpus groups in scripts/style-data.mjs. Pieces are split once, by a hash of their path, into
 * a training part (4/5) and a held-out part (1/5) that neither the shipped model nor any choice saw.
 * Cached in a JSON file (the analysis takes a few minutes of CPU).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Piscina } from 'piscina';
import { buildCorpusFromFiles } from '../dist/server/corpus-build.js';
import { GROUPS } from './style-data.mjs';

/** the styles a progression model is kept for, by the groups they learn from; "any" learns from all */
export const CONTINUATION_STYLES = { bach: ['bach'], classical: ['haydn', 'mozart', 'beethoven'], monteverdi: ['monteverdi'], palestrina: ['palestrina'] };

/**
 * progressions(corpusRoot, cacheFile) → [{ piece, group, figures, keys, contexts, heldOut }]: contexts[i] is
 * the score context (src/suggest/score-context.ts) of the point where figures[i] begins, null for the first
 */
export async function progressions(root, cacheFile) {
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const pool = new Piscina({ filename: new URL('./continuation-data-worker.mjs', import.meta.url).href, maxThreads: 2, minThreads: 1 });
  const pieces = [];
  try {
    for (const name of Object.values(CONTINUATION_STYLES).flat()) {
      const files = GROUPS.find((group) => group.name === name).files(root, false);
      const found = await Promise.all(files.map((file) => pool.run(file)));
      found.forEach((extract, index) => {
        if (extract.failure || extract.figures.length < 4) return;
        const path = `${name}/${basename(files[index])}`;
        pieces.push({ piece: path, group: name, figures: extract.figures, keys: extract.keys, contexts: extract.contexts.map((context) => context ?? null), heldOut: isHeldOut(path) });
      });
    }
  } finally {
    await pool.destroy();
  }
  writeFileSync(cacheFile, JSON.stringify(pieces));
  return pieces;
}

/** isHeldOut("bach/bwv66.6") → true for one piece in five, by an FNV-1a hash of its path */
export function isHeldOut(path) {
  let hash = 0x811c9dc5;
  for (const char of path) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0) % 5 === 0;
}

/** the styles a melody model is kept for: each piece's top line (a chorale's soprano, a quartet's first violin, a tune) */
export const MELODY_STYLES = { any: ['bach', 'haydn', 'mozart', 'beethoven', 'folk'], bach: ['bach'], classical: ['haydn', 'mozart', 'beethoven'], folk: ['folk'] };

/** melodies(corpusRoot, cacheFile) → [{ piece, group, intervals, heldOut }]: the top line's intervals in semitones */
export async function melodies(root, cacheFile) {
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const pieces = [];
  for (const name of MELODY_STYLES.any) {
    const files = GROUPS.find((group) => group.name === name).files(root, false);
    const built = await buildCorpusFromFiles(files, { threads: 2, harmony: false });
    for (const piece of built.pieces) {
      const midi = piece.lines[0]?.midi ?? [];
      if (midi.length < 4) continue;
      const path = `${name}/${piece.id}`;
      pieces.push({ piece: path, group: name, intervals: midi.slice(1).map((value, index) => value - midi[index]), heldOut: isHeldOut(path) });
    }
  }
  writeFileSync(cacheFile, JSON.stringify(pieces));
  return pieces;
}
