/**
 * Where benchmarks find their data: the test corpus kept in the repository (test/fixtures/corpus), and
 * larger development data beside it in ../shared, which a clone does not have.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));
export const SCORES = `${CORPUS}scores/`;

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

/** sharedData('wir/Quartets') → its absolute path, or the process ends with one line naming the missing folder */
export function sharedData(relative) {
  const path = `${SHARED}${relative}`;
  if (!existsSync(path)) {
    process.stderr.write(`bench/${basename(process.argv[1] ?? '')}: needs ../shared/${relative} (development data kept beside the repository, not in it); not found at ${path}\n`);
    process.exit(1);
  }
  return path;
}
