// One thread of scripts/continuation-data.mjs: reads a score file and gives its numerals, their keys and
// the score context at each change (from dist/: run `npx tsc -p tsconfig.build.json` first).
import { readFileSync } from 'node:fs';
import { formatFromFileName, readScore } from '../dist/formats/read-score.js';
import { harmonicContexts } from '../dist/suggest/score-context.js';

export default function run(path) {
  try {
    return harmonicContexts(readScore(new Uint8Array(readFileSync(path)), formatFromFileName(path)).score);
  } catch (error) {
    return { failure: error.message };
  }
}
