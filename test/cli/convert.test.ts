import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readKern } from '../../src/formats/kern/read.js';
import { readMidi } from '../../src/formats/midi/read.js';
import { TEST_SCORES } from '../support/corpus.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-convert-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('cadenza convert', () => {
  it('converts MusicXML, **kern and ABC to MIDI', () => {
    for (const input of ['bach/bwv66.6.mxl', 'palestrina/Credo_29_d.krn', 'ryansMammoth/MaudeMillar.abc']) {
      const output = join(folder, `${input.replace(/\W/g, '_')}.mid`);
      execFileSync(process.execPath, [CLI, 'convert', `${TEST_SCORES}${input}`, output], { stdio: 'pipe' });
      expect(readMidi(readFileSync(output)).score.parts.length).toBeGreaterThan(0);
    }
  });

  it('converts **kern to MusicXML', () => {
    const output = join(folder, 'credo.musicxml');
    execFileSync(process.execPath, [CLI, 'convert', `${TEST_SCORES}palestrina/Credo_29_d.krn`, output], { stdio: 'pipe' });
    expect(readFileSync(output, 'utf8')).toMatch(/<score-partwise version="4.0">/);
  });

  it('converts MusicXML to **kern by the .krn extension', () => {
    const output = join(folder, 'bwv66.6.krn');
    execFileSync(process.execPath, [CLI, 'convert', `${TEST_SCORES}bach/bwv66.6.mxl`, output], { stdio: 'pipe' });
    const score = readKern(readFileSync(output, 'utf8')).score;
    expect(score.parts.map((part) => part.measures.length)).toEqual([10, 10, 10, 10]);
  });

  it('says clearly what it cannot do', () => {
    const unknownOutput = spawnSync(process.execPath, [CLI, 'convert', `${TEST_SCORES}bach/bwv66.6.mxl`, join(folder, 'out.pdf')], { encoding: 'utf8' });
    expect(unknownOutput.status).toBe(64);
    expect(unknownOutput.stderr).toMatch(/supported outputs are \.mid, \.midi, \.musicxml, \.xml/);
    const missing = spawnSync(process.execPath, [CLI, 'convert', join(folder, 'nothing.xml'), join(folder, 'out.mid')], { encoding: 'utf8' });
    expect(missing.status).toBe(66);
    const noFolder = spawnSync(process.execPath, [CLI, 'convert', `${TEST_SCORES}bach/bwv66.6.mxl`, join(folder, 'missing', 'out.mid')], { encoding: 'utf8' });
    expect(noFolder.status).toBe(73);
    expect(noFolder.stderr).toContain(`no folder ${join(folder, 'missing')}`);
    expect(noFolder.stderr).not.toMatch(/No such file: .*bwv66\.6/);
    const broken = spawnSync(process.execPath, [CLI, 'convert', CLI, join(folder, 'out.mid')], { encoding: 'utf8' });
    expect(broken.status).toBe(65);
    expect(broken.stderr).toMatch(/UNSUPPORTED_FORMAT|PARSE_FAILED/);
  });
});
