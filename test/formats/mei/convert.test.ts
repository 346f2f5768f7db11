/** `cadenza convert` to and from .mei, run in-process (the built CLI is exercised by test/cli). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerConvert } from '../../../src/cli/convert.js';
import { readMei } from '../../../src/formats/mei/read.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';
import { noteSequences, readCorpusScore } from './sequences.js';

const folder = mkdtempSync(join(tmpdir(), 'cadenza-mei-convert-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function convert(input: string, output: string): Promise<void> {
  const program = new Command().exitOverride();
  registerConvert(program);
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await program.parseAsync(['node', 'cadenza', 'convert', input, output]);
  } finally {
    quiet.mockRestore();
  }
}

describe('cadenza convert with MEI', () => {
  it('writes .mei from MusicXML, and MusicXML from .mei, keeping the notes', async () => {
    const mei = join(folder, 'bwv66.6.mei');
    const back = join(folder, 'bwv66.6.musicxml');
    await convert(`${TEST_SCORES}bach/bwv66.6.mxl`, mei);
    const original = noteSequences(readCorpusScore('bach/bwv66.6.mxl'));
    expect(noteSequences(readMei(readFileSync(mei)).score)).toEqual(original);
    await convert(mei, back);
    expect(noteSequences(readMusicXml(readFileSync(back)).score)).toEqual(original);
  });
});
