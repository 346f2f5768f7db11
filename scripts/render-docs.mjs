// Regenerates the engraving examples in docs/ with the built CLI (`npm run build` first): a Bach chorale
// from MusicXML, a fiddle tune from ABC, a Palestrina Kyrie from **kern. Reads ../shared/corpus.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus/scores');
const EXAMPLES = [
  ['bach/bwv66.6.mxl', 'docs/bwv66.6.png'],
  ['ryansMammoth/VelocipedeHornpipe.abc', 'docs/velocipede-hornpipe.abc.png'],
  ['palestrina/Kyrie_96.krn', 'docs/kyrie-96.krn.png'],
];

if (!existsSync(CORPUS)) {
  console.error(`render-docs needs the development corpus at ${CORPUS} (../shared/corpus beside the repository).`);
  process.exit(1);
}
for (const [score, png] of EXAMPLES) {
  execFileSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'render', resolve(CORPUS, score), '--out', resolve(ROOT, png), '--width', '1400'], { stdio: 'inherit' });
}
