/**
 * A second, independent synthesizer: Debian's fluidsynth (with its FluidR3 GM bank, fluid-soundfont-gm)
 * renders the same MIDI as render_audio; the notes start at the same moments in both (within 10 ms), so
 * the timing comes from the file, not from one synthesizer's reading of it. Skipped where fluidsynth or
 * the bank is not installed (CI installs both: .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notesInSeconds, onsets } from '../../src/audio/agreement.js';
import { mono, onsetNear, spectralFlux } from '../../src/audio/analysis.js';
import { performanceOf } from '../../src/audio/performance.js';
import { soundBank } from '../../src/audio/sound-bank.js';
import { synthesize } from '../../src/audio/synthesize.js';
import { unfoldRepeats } from '../../src/core/unfold.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';
import { readWav } from './measured.js';

const BANK = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
const missing = !hasFluidsynth() ? 'fluidsynth is not installed (apt-get install fluidsynth)' : !existsSync(BANK) ? `${BANK} is missing (apt-get install fluid-soundfont-gm)` : undefined;
if (missing) console.warn(`Skipping the fluidsynth comparison: ${missing}.`);

const folder = mkdtempSync(join(tmpdir(), 'cadenza-fluidsynth-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(missing !== undefined).each(['bach/bwv66.6.mxl', 'bach/bwv269.mxl'])('%s by fluidsynth and by render_audio', (path) => {
  it('has its notes start at the same moments, within 10 ms', async () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${path}`)), 'mxl').score;
    const performance = performanceOf(score);
    const midiFile = join(folder, 'score.mid');
    const wavFile = join(folder, 'fluidsynth.wav');
    writeFileSync(midiFile, performance.smf);
    execFileSync('fluidsynth', ['-ni', '-q', '-r', '44100', '-F', wavFile, BANK, midiFile], { stdio: 'ignore', timeout: 60_000 });
    const theirs = readWav(new Uint8Array(readFileSync(wavFile)));
    const ours = await synthesize(performance.smf, soundBank(), performance.durationSeconds + 1);
    expect(theirs.sampleRate).toBe(ours.sampleRate);

    const theirFlux = spectralFlux(mono(theirs.left, theirs.right));
    const ourFlux = spectralFlux(mono(ours.left, ours.right));
    const times = onsets(notesInSeconds(unfoldRepeats(score), performance.quarterBpm));
    const differences = times.map((time) => Math.abs(onsetNear(ourFlux, ours.sampleRate, time) - onsetNear(theirFlux, theirs.sampleRate, time)));
    const within = differences.filter((difference) => difference <= 0.01).length / differences.length;
    expect(times.length).toBeGreaterThan(30);
    expect(within).toBeGreaterThan(0.95);
  }, 120_000);
});

function hasFluidsynth(): boolean {
  try {
    execFileSync('fluidsynth', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
