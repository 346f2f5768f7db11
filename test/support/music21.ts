/** music21 beside the tests (MUSIC21_PYTHON, default /work/m21venv/bin/python): tests that need it skip where it is absent. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const MUSIC21_PYTHON = process.env.MUSIC21_PYTHON ?? '/work/m21venv/bin/python';

/**
 * whether that Python has music21 installed. Found, not imported: importing music21 costs about half a
 * second of CPU in every test file that asks, and the tests that use it import it themselves (and fail
 * loudly if it is installed but broken).
 */
export const hasMusic21 =
  existsSync(MUSIC21_PYTHON) && spawnSync(MUSIC21_PYTHON, ['-c', 'import importlib.util, sys; sys.exit(importlib.util.find_spec("music21") is None)']).status === 0;
