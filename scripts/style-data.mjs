/**
 * The labelled set style classification is trained and measured on, assembled reproducibly from
 * music21's corpus (public-domain editions, BSD-3 distribution): pieces by group, each cut into passages
 * of up to PASSAGE_MEASURES measures, up to PER_CLASS passages per group chosen by a seeded generator
 * (round-robin over pieces, so a group with few long pieces gives several passages of each, one with
 * many short pieces one passage of many). Features are cached in a JSON file beside the path given.
 * Used by scripts/train-style.mjs (the shipped model) and bench/style-classification.mjs (its measure).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { seededRandom } from '../dist/generate/random.js';
import { STYLE_FEATURE_NAMES } from '../dist/corpus/style/features.js';

export const PASSAGE_MEASURES = 24;
export const PER_CLASS = 150;
export const SEED = 20261207;

/**
 * When in Rome's development set (../shared/wir), when present, adds Mozart's piano sonatas and Beethoven's
 * quartets by movement: each a folder holding score.mxl. Movements of a work music21's corpus also holds are
 * read once, from When in Rome (its files are split by movement), so no work is counted twice.
 */
export const WIR = process.env.CADENZA_WIR ?? '/work/shared/wir';
const wirPresent = () => existsSync(join(WIR, 'manifest.tsv'));
const wirScores = (folder, withWir) => (withWir && wirPresent() ? list(WIR, folder, /^score\.mxl$/) : []);
/** music21 files of a work When in Rome holds too (the same music, by another edition) */
const WIR_OVERLAPS = { beethoven: ['opus18no3', 'opus59no1', 'opus59no2', 'opus132'], mozart: ['k545'] };
const notInWir = (group, withWir) => (file) => !withWir || !wirPresent() || !WIR_OVERLAPS[group].some((work) => file.includes(`/${group}/${work}`));

/**
 * composer, era and genre of each group; a label of null leaves the group out of that task. files(root,
 * withWir) lists a group's scores, When in Rome's among them unless withWir is false.
 */
export const GROUPS = [
  { name: 'bach', composer: 'Bach', era: 'Baroque', genre: 'chorale', files: (root) => list(root, 'bach', /^bwv.*\.mxl$/) },
  { name: 'palestrina', composer: 'Palestrina', era: 'Renaissance', genre: 'mass', files: (root) => list(root, 'palestrina', /\.krn$/) },
  { name: 'monteverdi', composer: 'Monteverdi', era: 'Renaissance', genre: 'madrigal', files: (root) => list(root, 'monteverdi', /\.mxl$/) },
  { name: 'haydn', composer: 'Haydn', era: 'Classical', genre: 'string quartet', files: (root) => list(root, 'haydn', /\.mxl$/) },
  // k545 is a piano sonata, as are When in Rome's Mozart movements
  {
    name: 'mozart',
    composer: 'Mozart',
    era: 'Classical',
    genre: (file) => (file.includes('k545') || file.includes('Piano_Sonatas') ? 'piano sonata' : 'string quartet'),
    files: (root, withWir = true) => [...list(root, 'mozart', /\.mxl$/).filter(notInWir('mozart', withWir)), ...wirScores('Piano_Sonatas/Mozart,_Wolfgang_Amadeus', withWir)],
  },
  // movements present both as .krn and .mxl are read once, from the .mxl
  {
    name: 'beethoven',
    composer: 'Beethoven',
    era: 'Classical',
    genre: 'string quartet',
    files: (root, withWir = true) => [
      ...list(root, 'beethoven', /\.(mxl|krn)$/).filter((file) => !file.endsWith('.krn') || !existsSync(file.replace(/\.krn$/, '.mxl'))).filter(notInWir('beethoven', withWir)),
      ...wirScores('Quartets/Beethoven,_Ludwig_van', withWir),
    ],
  },
  { name: 'folk', composer: 'folk (anonymous)', era: 'folk', genre: 'folk song', files: (root) => list(root, 'essenFolksong', /\.abc$/) },
  // trecento ballate and madrigals: a further era and genre, not a composer
  { name: 'trecento', composer: null, era: 'Medieval', genre: 'trecento song', files: (root) => list(root, 'trecento', /\.(xml|mxl)$/) },
];

/**
 * workOf("…/beethoven/opus59no3/movement2.mxl") → "beethoven/opus59no3": the work a piece belongs to, so the
 * folds keep all movements of a work together. When in Rome: the folder above the movement's; music21: the
 * folder under the composer's when there is one, else the file (a Humdrum file: the work its !!!OPR names);
 * an ABC tune is its own work.
 */
export function workOf(piece) {
  // When in Rome: <sub-corpus>/<composer>/<work>/<movement>/score.mxl
  if (piece.startsWith(`${WIR}/`)) return `wir:${dirname(dirname(relative(WIR, piece)))}`;
  // Palestrina's mass movements lie side by side, named by the mass in their Humdrum header
  const mass = piece.endsWith('.krn') ? /^!!!OPR:\s*(.+)$/m.exec(readFileSync(piece, 'utf8'))?.[1] : undefined;
  if (mass) return `mass:${mass.trim()}`;
  const parts = piece.split('/');
  const corpusAt = parts.lastIndexOf('corpus');
  const inside = parts.slice(corpusAt + 1);
  return inside.length > 2 ? inside.slice(0, 2).join('/') : piece;
}

function list(root, folder, pattern) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (pattern.test(entry.name)) found.push(path);
    }
  };
  walk(join(root, folder));
  return found;
}

/**
 * styleDataset(corpusRoot, cacheFile) → { rows: [{ group, piece, passage, composer, era, genre, features }], featureNames }
 * Reads the cache when it was made with the same settings; otherwise extracts on `threads` worker threads.
 */
export async function styleDataset(root, cacheFile, threads = 2) {
  const settings = { PASSAGE_MEASURES, PER_CLASS, SEED, groups: GROUPS.map((group) => group.name), wir: wirPresent(), features: STYLE_FEATURE_NAMES };
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (JSON.stringify(cached.settings) === JSON.stringify(settings)) return cached;
  }
  const jobs = GROUPS.map((group) => ({ group: group.name, files: group.files(root) }));
  const started = performance.now();
  const rows = await runWorkers(jobs, threads);
  const dataset = { settings, featureNames: rows.featureNames, rows: rows.rows, extractSeconds: (performance.now() - started) / 1000, cpuSeconds: rows.cpuSeconds };
  writeFileSync(cacheFile, JSON.stringify(dataset));
  return dataset;
}

async function runWorkers(jobs, threads) {
  // each group is planned on the main thread (which passages), then its passages are shared out
  const worker = new URL('./style-data-worker.mjs', import.meta.url);
  const plan = jobs.map((job) => ({ ...job, seed: SEED, perClass: PER_CLASS, passageMeasures: PASSAGE_MEASURES }));
  const results = await Promise.all(
    Array.from({ length: threads }, (_, thread) =>
      new Promise((resolve, reject) => {
        const running = new Worker(worker, { workerData: { plan, thread, threads } });
        running.once('message', resolve);
        running.once('error', reject);
      }),
    ),
  );
  const labelOf = (groupName, file) => {
    const group = GROUPS.find((candidate) => candidate.name === groupName);
    const genre = typeof group.genre === 'function' ? group.genre(file) : group.genre;
    return { composer: group.composer, era: group.era, genre };
  };
  const rows = results
    .flatMap((result) => result.rows)
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...row }) => ({ ...row, ...labelOf(row.group, row.piece) }));
  return { rows, featureNames: results[0].featureNames, cpuSeconds: results.reduce((sum, result) => sum + result.cpuSeconds, 0) };
}

/** mulberry32(seed)() → a deterministic number in [0, 1) (the generators' seeded sequence) */
export const mulberry32 = (seed) => seededRandom(seed).next;

/**
 * foldsOf(rows, labelOf, k) → fold number per row: stratified by label and grouped by work (every
 * passage of every movement of a work in one fold, so no work is both trained and tested on), seeded.
 */
export function foldsOf(rows, labelOf, k = 5) {
  const random = mulberry32(SEED + 1);
  const pieces = new Map();
  rows.forEach((row, index) => {
    const key = workOf(row.piece);
    if (!pieces.has(key)) pieces.set(key, { label: labelOf(row), rows: [] });
    pieces.get(key).rows.push(index);
  });
  const folds = new Array(rows.length).fill(-1);
  const byLabel = new Map();
  for (const piece of pieces.values()) {
    if (!byLabel.has(piece.label)) byLabel.set(piece.label, []);
    byLabel.get(piece.label).push(piece);
  }
  for (const group of byLabel.values()) {
    // largest pieces first into the emptiest fold keeps the folds' passage counts even
    const shuffled = group.map((piece) => ({ piece, tie: random() })).sort((a, b) => b.piece.rows.length - a.piece.rows.length || a.tie - b.tie);
    const sizes = new Array(k).fill(0);
    for (const { piece } of shuffled) {
      const fold = sizes.indexOf(Math.min(...sizes));
      sizes[fold] += piece.rows.length;
      for (const row of piece.rows) folds[row] = fold;
    }
  }
  return folds;
}

/** the three tasks: each row's label for it (null: not in this task) */
export const TASKS = ['composer', 'era', 'genre'];
/** fixed before measuring: a mild L2 penalty, enough Adam steps to converge on ~1,000 passages */
export const TRAIN_OPTIONS = { l2: 0.01, iterations: 400, learningRate: 0.05 };

/**
 * crossValidate(dataset, "composer", trainSoftmax, logitsFor) → out-of-fold logits for every labelled row,
 * with the classes, labels and folds: 5 stratified folds grouped by work, one model per fold.
 */
export function crossValidate(dataset, task, trainSoftmax, logitsFor, options = {}) {
  const rows = dataset.rows.filter((row) => row[task] !== null);
  const classes = [...new Set(rows.map((row) => row[task]))].sort();
  const labels = rows.map((row) => classes.indexOf(row[task]));
  const folds = foldsOf(rows, (row) => row[task]);
  const logits = new Array(rows.length);
  for (let fold = 0; fold < 5; fold++) {
    const train = rows.flatMap((row, index) => (folds[index] === fold ? [] : [index]));
    const model = trainSoftmax(train.map((index) => rows[index].features), train.map((index) => labels[index]), classes, dataset.featureNames, options);
    rows.forEach((row, index) => {
      if (folds[index] === fold) logits[index] = logitsFor(model, row.features);
    });
  }
  return { rows, classes, labels, folds, logits };
}
