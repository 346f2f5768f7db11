/** `cadenza convert IN OUT`: read a score in any supported format and write it in the format OUT's extension names. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { isCadenzaError } from '../core/errors.js';
import { writeAbc } from '../formats/abc/write.js';
import { writeKern } from '../formats/kern/write.js';
import { writeMei } from '../formats/mei/write.js';
import { writeMidi } from '../formats/midi/write.js';
import { writeMusicXml } from '../formats/musicxml/write.js';
import { readScore, resolveFormat } from '../formats/read-score.js';
import { NATIVE_CODEC } from '../server/native-zlib.js';
import { EXIT } from './exit-codes.js';

const WRITERS: Readonly<Record<string, (score: Parameters<typeof writeMidi>[0]) => Uint8Array>> = {
  '.mid': writeMidi,
  '.midi': writeMidi,
  '.musicxml': (score) => new TextEncoder().encode(writeMusicXml(score)),
  '.xml': (score) => new TextEncoder().encode(writeMusicXml(score)),
  '.mei': (score) => new TextEncoder().encode(writeMei(score)),
  '.abc': (score) => new TextEncoder().encode(writeAbc(score)),
  '.krn': (score) => new TextEncoder().encode(writeKern(score)),
};

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description(`Convert a score (MusicXML, .mxl, **kern, ABC, MIDI, MEI) to ${Object.keys(WRITERS).join(', ')}; the formats come from the extensions`)
    .argument('<input>', 'the score to read')
    .argument('<output>', 'the file to write')
    .action((input: string, output: string) => {
      const write = WRITERS[extname(output).toLowerCase()];
      if (!write) program.error(`Cannot write "${basename(output)}": supported outputs are ${Object.keys(WRITERS).join(', ')}.`, { exitCode: EXIT.usage });
      const folder = dirname(resolve(output));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) program.error(`Cannot write "${output}": no folder ${folder}.`, { exitCode: EXIT.cannotCreate });
      try {
        const bytes = readFileSync(input);
        const { score, diagnostics } = readScore(bytes, resolveFormat(bytes, undefined, input), NATIVE_CODEC);
        for (const diagnostic of diagnostics) console.error(`warning: ${diagnostic.message}${diagnostic.line ? ` (line ${diagnostic.line})` : ''}`);
        writeFileSync(output, write(score));
        console.error(`wrote ${output}`);
      } catch (error) {
        if (isCadenzaError(error)) program.error(`${error.code}: ${error.message}`, { exitCode: EXIT.dataError });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') program.error(`No such file: ${input}`, { exitCode: EXIT.noInput });
        throw error;
      }
    });
}
