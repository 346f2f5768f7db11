/** `cadenza analyze`, `info` and `corpus` on a bundled chorale whose facts are known (BWV 66.6: F# minor, 4 parts, 10 measures). */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHORALE = fileURLToPath(new URL('../../corpus/bach/bwv66.6.mxl', import.meta.url));
const MANIFEST = fileURLToPath(new URL('../../corpus/manifest.json', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-score-cli-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cadenza(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cadenzaWith({}, ...args);
}

function cadenzaWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: folder, env: { ...process.env, ...env }, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('cadenza analyze', () => {
  it('shows the key and the roman numerals by default, as tables', async () => {
    const run = await cadenza('analyze', CHORALE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Key\s+F# minor$/m);
    expect(run.stdout).toMatch(/^A major\s+0\.\d+$/m); // the relative major is the runner-up
    expect(run.stdout).toMatch(/^measure\s+beat\s+key\s+figure\s+function$/m);
    expect(run.stdout).toMatch(/^0\s+4\s+A major\s+I\s+T$/m); // the pickup: I in A major
    expect(run.stdout).toMatch(/^3\s+3\s+PAC\s+F# minor\s+V7 → i$/m);
    expect(run.stdout).not.toMatch(/^Chords/m);
  });

  it('gives each tool’s structured output, keyed by tool name, with --all --json', async () => {
    const run = await cadenza('analyze', CHORALE, '--all', '--json');
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(results)).toEqual(['analyze_key', 'analyze_chords', 'analyze_harmony', 'analyze_voice_leading']);
    expect(results['analyze_key']).toMatchObject({ name: 'F# minor', tonic: 'F#', mode: 'minor' });
    expect(results['analyze_chords']).toMatchObject({ total: 51, truncated: false });
    expect(results['analyze_harmony']!['cadences']).toContainEqual(expect.objectContaining({ type: 'PAC', measure: '3', key: 'F# minor' }));
    expect(results['analyze_voice_leading']!['counts']).toBeTypeOf('object');
  });

  it('runs only the analyses asked for', async () => {
    const run = await cadenza('analyze', CHORALE, '--chords', '--json');
    expect(Object.keys(JSON.parse(run.stdout) as object)).toEqual(['analyze_chords']);
    const people = await cadenza('analyze', CHORALE, '--voice-leading');
    expect(people.stdout).toMatch(/^Voice leading/m);
    expect(people.stdout).not.toMatch(/^Key/m);
  });

  it('fails clearly, with a non-zero exit, on a missing file and on a file that is not a score', async () => {
    const missing = await cadenza('analyze', join(folder, 'nothing.musicxml'));
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/FILE_NOT_FOUND: .*nothing\.musicxml/);
    expect(missing.stdout).toBe('');
    const notAScore = join(folder, 'notes.xml');
    writeFileSync(notAScore, '<shopping><item>milk</item></shopping>');
    const broken = await cadenza('info', notAScore);
    expect(broken.code).toBe(65);
    expect(broken.stderr).toMatch(/PARSE_FAILED|UNSUPPORTED_FORMAT/);
  });
});

describe('cadenza on bad usage and unreadable input', () => {
  it('exits 64 on usage errors: a missing argument, an unknown option or command, no command', async () => {
    const runs = await Promise.all([cadenza('info'), cadenza('analyze', CHORALE, '--colour'), cadenza('analyse', CHORALE), cadenza()]);
    for (const run of runs) expect(run.code, run.stderr).toBe(64);
    expect(runs[0]!.stderr).toMatch(/missing required argument 'file'/);
    expect(runs[1]!.stderr).toMatch(/unknown option '--colour'/);
  });

  it('gives hints for a person at a shell, not the ones written for a model', async () => {
    const tooBig = await cadenzaWith({ CADENZA_MAX_INPUT_BYTES: '1000' }, 'info', CHORALE);
    expect(tooBig.code).toBe(65);
    expect(tooBig.stderr).toMatch(/^LIMIT_EXCEEDED: /);
    expect(tooBig.stderr).toMatch(/Hint: .*CADENZA_MAX_INPUT_BYTES/);
  });
});

describe('cadenza info', () => {
  it('describes the chorale as get_score_info does', async () => {
    const [people, json] = await Promise.all([cadenza('info', CHORALE), cadenza('info', CHORALE, '--json')]);
    expect(people.code, people.stderr).toBe(0);
    expect(people.stdout).toMatch(/^Parts\s+4 parts$/m);
    expect(people.stdout).toMatch(/^Measures\s+10$/m);
    expect(people.stdout).toMatch(/^Key signature\s+3 sharps$/m);
    expect(people.stdout).toMatch(/^Time signature\s+4\/4$/m);
    expect(people.stdout).toMatch(/^Soprano\s+10\s+\d+\s+E4–E5/m);
    expect(JSON.parse(json.stdout)).toMatchObject({ partCount: 4, measureCount: 10, keySignatureFifths: 3, timeSignature: '4/4', format: 'mxl' });
  });
});

describe('cadenza corpus', () => {
  it('lists every score of the manifest', async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { scores: { id: string; title: string }[] };
    const [people, json] = await Promise.all([cadenza('corpus', 'list'), cadenza('corpus', 'list', '--json')]);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((entry) => entry.id)).toEqual(manifest.scores.map((entry) => entry.id));
    for (const entry of manifest.scores) expect(people.stdout).toContain(entry.id);
    expect(people.stdout).toMatch(/^bach\/bwv66\.6\s+Chorale, BWV 66\.6\s+Johann Sebastian Bach$/m);
  });

  it('shows one score by id, and refuses an unknown id', async () => {
    const [shown, unknown] = await Promise.all([cadenza('corpus', 'show', 'bach/bwv269', '--json'), cadenza('corpus', 'show', 'bach/bwv999')]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ partCount: 4, timeSignature: '3/4', keySignatureFifths: 1 });
    expect(unknown.code).toBe(66);
    expect(unknown.stderr).toMatch(/CORPUS_NOT_FOUND: No corpus score "bach\/bwv999"/);
    expect(unknown.stderr).toMatch(/cadenza corpus list/);
  });
});
