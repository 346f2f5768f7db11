/**
 * Our encoders read back by other people's decoders (Debian's flac, oggdec and mpg123): FLAC gives back
 * the WAV's samples exactly, Ogg Vorbis and MP3 the same sound (correlation with the WAV; MP3 after the
 * encoder's delay). Each is skipped, saying why, where its decoder is not installed (CI installs them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScore } from '../../src/formats/read-score.js';
import { renderAudio } from '../../src/mcp/render-audio.js';
import { TEST_SCORES } from '../support/corpus.js';
import { readWav } from './measured.js';

const DECODERS = {
  flac: { command: 'flac', args: (input: string, output: string) => ['-s', '-d', '-f', '-o', output, input], apt: 'flac' },
  ogg: { command: 'oggdec', args: (input: string, output: string) => ['-Q', '-o', output, input], apt: 'vorbis-tools' },
  mp3: { command: 'mpg123', args: (input: string, output: string) => ['-q', '-w', output, input], apt: 'mpg123' },
} as const;

const folder = mkdtempSync(join(tmpdir(), 'cadenza-decoders-'));
const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)), 'mxl').score;
let original: Float32Array;

beforeAll(async () => {
  original = readWav((await renderAudio(score, { format: 'wav', measures: { from: 1, to: 2 } })).bytes).left;
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(Object.entries(DECODERS).map(([format, decoder]) => [format, decoder.command, decoder] as const))('%s read back by %s', (format, _command, decoder) => {
  const missing = installed(decoder.command) ? undefined : `${decoder.command} is not installed (apt-get install ${decoder.apt})`;
  if (missing) console.warn(`Skipping the ${format} decoder check: ${missing}.`);

  it.skipIf(missing !== undefined)('decodes to the sound of the WAV rendering', async () => {
    const encoded = await renderAudio(score, { format: format as keyof typeof DECODERS, measures: { from: 1, to: 2 } });
    const input = join(folder, `bars.${format}`);
    const output = join(folder, `${format}.wav`);
    writeFileSync(input, encoded.bytes);
    execFileSync(decoder.command, decoder.args(input, output), { stdio: 'ignore', timeout: 60_000 });
    const decoded = readWav(new Uint8Array(readFileSync(output))).left;
    if (format === 'flac') {
      expect(decoded).toEqual(original);
      return;
    }
    // MP3 adds the encoder's delay (LAME: 1105 samples) at the start: find it, then compare
    const { lag, correlation } = bestAlignment(original, decoded, format === 'mp3' ? 2000 : 0);
    expect(correlation).toBeGreaterThan(0.99);
    expect(Math.abs(decoded.length - lag - original.length)).toBeLessThan(0.05 * 44_100);
  }, 60_000);
});

/** the lag (0 … maxLag samples) at which `decoded` best matches `original`, and how well (normalised correlation) */
function bestAlignment(original: Float32Array, decoded: Float32Array, maxLag: number): { lag: number; correlation: number } {
  let best = { lag: 0, correlation: -1 };
  for (let lag = 0; lag <= maxLag; lag++) {
    let product = 0;
    let ours = 0;
    let theirs = 0;
    for (let index = 0; index < original.length; index += 5) {
      const sample = decoded[index + lag] ?? 0;
      product += original[index]! * sample;
      ours += original[index]! ** 2;
      theirs += sample ** 2;
    }
    const correlation = product / Math.sqrt(ours * theirs);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
