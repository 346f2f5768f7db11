/** `cadenza transcribe`: four bars of a chorale rendered as MP3 by `cadenza render`, written down as MusicXML, and clear refusals. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readScore } from '../../src/formats/read-score.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHORALE = fileURLToPath(new URL('../../corpus/bach/bwv66.6.mxl', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-transcribe-cli-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cadenza(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: folder, timeout: 100_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
    });
  });
}

describe('cadenza transcribe', { timeout: 120_000 }, () => {
  it('writes a rendered MP3 of four bars down as MusicXML in the chorale’s key', async () => {
    const mp3 = join(folder, 'opening.mp3');
    const rendered = await cadenza('render', CHORALE, '--out', mp3, '--measures', '1-4');
    expect(rendered.code, rendered.stderr).toBe(0);
    const out = join(folder, 'opening.musicxml');
    const transcribed = await cadenza('transcribe', mp3, '--out', out, '--title', 'Opening');
    expect(transcribed.code, transcribed.stderr).toBe(0);
    expect(transcribed.stderr).toMatch(/wrote .*opening\.musicxml: opening\.mp3 \([\d.]+ s\) as \d+ notes in \d+ measures of 4\/4, F# minor/);
    const score = readScore(new Uint8Array(readFileSync(out)), 'musicxml').score;
    expect(score.metadata.title).toBe('Opening');
    expect(score.parts.map((part) => part.name)).toEqual(['Upper', 'Lower']);
    expect(score.parts[0]!.measures[0]!.keys?.[0]?.value.fifths).toBe(3);
  });

  it('refuses a file that is no recording, and an output format it cannot write, with their exit codes', async () => {
    const text = join(folder, 'notes.wav');
    writeFileSync(text, 'these are not samples');
    const notAudio = await cadenza('transcribe', text, '--out', join(folder, 'x.musicxml'));
    expect(notAudio.code).toBe(65);
    expect(notAudio.stderr).toMatch(/UNSUPPORTED_FORMAT[\s\S]*Convert the recording to WAV, FLAC, MP3 or Ogg Vorbis/);
    const pdf = await cadenza('transcribe', text, '--out', join(folder, 'x.pdf'));
    expect(pdf.code).toBe(64);
    expect(pdf.stderr).toMatch(/--out must end in \.musicxml, \.xml, \.mid, \.mei or \.abc/);
  });
});
