/** music21 beside the tests (MUSIC21_PYTHON, default /work/m21venv/bin/python): tests that need it skip where it is absent. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const MUSIC21_PYTHON = process.env.MUSIC21_PYTHON ?? '/work/m21venv/bin/python';

/** whether that Python exists and imports music21 */
export const hasMusic21 = existsSync(MUSIC21_PYTHON) && spawnSync(MUSIC21_PYTHON, ['-c', 'import music21'], { encoding: 'utf8' }).status === 0;
