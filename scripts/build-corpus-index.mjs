// Builds a corpus index file from score files and folders (npm run build first):
//   node scripts/build-corpus-index.mjs PATH… --out FILE [--threads N] [--no-harmony]
// e.g. music21's corpus: node scripts/build-corpus-index.mjs ../m21src/music21/corpus --out /tmp/m21.cdzc
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildCorpusFromFiles } from '../dist/server/corpus-build.js';
import { encodeCorpusIndex } from '../dist/corpus/codec.js';
import { buildCorpusIndex } from '../dist/corpus/corpus-index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, threads: { type: 'string' }, 'no-harmony': { type: 'boolean' } },
});
if (positionals.length === 0 || !values.out) {
  console.error('usage: node scripts/build-corpus-index.mjs PATH… --out FILE [--threads N] [--no-harmony]');
  process.exit(2);
}
const started = performance.now();
const build = await buildCorpusFromFiles(positionals, {
  ...(values.threads ? { threads: Number(values.threads) } : {}),
  harmony: !values['no-harmony'],
  progress: (done, total) => {
    if (done % 100 === 0 || done === total) process.stderr.write(`\r${done}/${total} files`);
  },
});
const index = buildCorpusIndex(build.pieces);
const bytes = encodeCorpusIndex(index);
writeFileSync(values.out, bytes);
console.error(
  `\n${index.pieces.length} pieces from ${build.files} files (${build.failures.length} unreadable), ${index.notes.midi.length} notes, ` +
    `${index.harmonies.figure.length} harmonies, ${(bytes.length / 1e6).toFixed(1)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out}`,
);
