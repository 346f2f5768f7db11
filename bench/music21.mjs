/**
 * A music21 process (bench/music21_parse_key.py) answering one file at a time, so Cadenza and music21 are
 * timed on a file back to back. MUSIC21_PYTHON: a Python that imports music21 (default: a virtualenv at
 * /work/m21venv if there is one, else python3); MUSIC21_PATH: optionally a music21 checkout to put on
 * PYTHONPATH instead. music21 is never part of the repository. Both wall and process CPU time come back.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MUSIC21_PATH = process.env.MUSIC21_PATH;
const MUSIC21_PYTHON = process.env.MUSIC21_PYTHON ?? (existsSync('/work/m21venv/bin/python') ? '/work/m21venv/bin/python' : 'python3');

/** startMusic21(a file to warm up on) → { version, time(path), stop() }, or { skipped } when music21 cannot run */
export /** A music21 process answering one file at a time, so both engines are timed on a file back to back. */
async function startMusic21(warmUpPath) {
  if (MUSIC21_PATH && !existsSync(join(MUSIC21_PATH, 'music21'))) return { skipped: `no music21 checkout at MUSIC21_PATH=${MUSIC21_PATH}` };
  const child = spawn(MUSIC21_PYTHON, [join(ROOT, 'bench/music21_parse_key.py')], {
    env: { ...process.env, ...(MUSIC21_PATH ? { PYTHONPATH: MUSIC21_PATH } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(stderr.trim().split('\n').pop() || 'music21 exited');
    return JSON.parse(value);
  };
  child.stdin.write(`${warmUpPath}\n`);
  try {
    const { version } = await next();
    return {
      version,
      time: async (path) => {
        child.stdin.write(`${path}\n`);
        const row = await next();
        return { parseMs: row.parse_s * 1000, keyMs: row.key_s * 1000, parseCpuMs: row.parse_cpu_s * 1000, keyCpuMs: row.key_cpu_s * 1000, key: row.key };
      },
      stop: () => child.stdin.end(),
    };
  } catch (error) {
    return { skipped: `music21 could not run with ${MUSIC21_PYTHON} (${error.message}); set MUSIC21_PYTHON to a Python with music21 installed` };
  }
}
