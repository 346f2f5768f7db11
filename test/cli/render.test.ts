/** `cadenza render`: the chorale engraved by verovio as SVG and as PNG, played as WAV and FLAC, and clear refusals. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHORALE = fileURLToPath(new URL('../../corpus/bach/bwv66.6.mxl', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-render-cli-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cadenza(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: folder, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// Each test takes a few seconds alone; the margin is for a loaded machine running the whole suite.
describe('cadenza render', { timeout: 60_000 }, () => {
  it('writes a page as SVG and a range of measures as a PNG image', async () => {
    const svg = join(folder, 'page.svg');
    const png = join(folder, 'opening.png');
    const [asSvg, asPng] = await Promise.all([cadenza('render', CHORALE, '--out', svg), cadenza('render', CHORALE, '--out', png, '--measures', '1-4', '--width', '800')]);
    expect(asSvg.code, asSvg.stderr).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg[\s>]/);
    expect(text).toContain('Verovio');
    expect(asSvg.stderr).toMatch(/wrote .*page\.svg \(page 1 of 1, \d+×\d+\)/);
    expect(asPng.code, asPng.stderr).toBe(0);
    const image = PNG.sync.read(readFileSync(png));
    expect(image.width).toBe(800);
    expect(image.height).toBeGreaterThan(100);
    // Notation, not a blank page: some pixels are dark.
    let dark = 0;
    for (let index = 0; index < image.data.length; index += 4) if (image.data[index + 3]! > 128 && image.data[index]! < 100) dark += 1;
    expect(dark).toBeGreaterThan(1000);
  });

  it('plays a range of measures as WAV at a given tempo, and as FLAC', async () => {
    const wav = join(folder, 'opening.wav');
    const flac = join(folder, 'opening.flac');
    const [asWav, asFlac] = await Promise.all([
      cadenza('render', CHORALE, '--out', wav, '--measures', '1-2', '--tempo', '60'),
      cadenza('render', CHORALE, '--out', flac, '--measures', '1-1', '--parts', '0,3', '--count-in', '1', '--metronome'),
    ]);
    expect(asWav.code, asWav.stderr).toBe(0);
    expect(asWav.stderr).toMatch(/wrote .*opening\.wav \(9\.5 s at 60 quarter notes a minute\)/);
    const bytes = readFileSync(wav);
    // two 4/4 bars at 60 to the quarter, and 1.5 s of ring-out: 16-bit stereo at 44.1 kHz after a 44-byte header
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect((bytes.length - 44) / 4 / 44_100).toBeCloseTo(9.5, 2);
    expect(asFlac.code, asFlac.stderr).toBe(0);
    expect(readFileSync(flac).subarray(0, 4).toString('latin1')).toBe('fLaC');
  });

  it('refuses an unknown output type, a bad range and a missing file, writing nothing', async () => {
    const [pdf, range, missing] = await Promise.all([
      cadenza('render', CHORALE, '--out', join(folder, 'page.pdf')),
      cadenza('render', CHORALE, '--out', join(folder, 'bad.svg'), '--measures', 'one-four'),
      cadenza('render', join(folder, 'nothing.mxl'), '--out', join(folder, 'none.svg')),
    ]);
    expect(pdf.code).toBe(64);
    expect(pdf.stderr).toMatch(/--out must end in \.svg, \.png, \.wav, \.flac, \.mp3 or \.ogg/);
    expect(range.code).toBe(64);
    expect(range.stderr).toMatch(/--measures must be a range like 1-4/);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/FILE_NOT_FOUND/);
    for (const name of ['page.pdf', 'bad.svg', 'none.svg']) expect(existsSync(join(folder, name))).toBe(false);
  });
});
