/** `cadenza info FILE`: what get_score_info tells about a score — parts, measures, counts, signatures, ambitus. */
import type { Command } from 'commander';
import { getScoreInfo } from '../mcp/tools/get-score-info.js';
import { reportingFailures } from './failures.js';
import { importFile, structured } from './local-tools.js';
import { formatFields, formatTable } from './table.js';
import { READABLE_FORMATS } from '../mcp/readable-formats.js';
import { partsAndStaves } from '../mcp/wording.js';

interface Ambitus {
  lowest: string;
  highest: string;
  semitones: number;
}
interface Counts {
  measureCount: number;
  noteCount: number;
  restCount: number;
  ambitus?: Ambitus;
}
export interface ScoreInfo extends Counts {
  id: string;
  format: string;
  origin: string;
  title?: string;
  composer?: string;
  partCount: number;
  durationQuarters: number;
  keySignatureFifths: number | null;
  timeSignature: string | null;
  parts: (Counts & { id: string; name?: string; instrument?: string })[];
}

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Describe a score file: title, parts, measures, notes, key and time signature, ambitus')
    .argument('<file>', `the score: ${READABLE_FORMATS}`)
    .option('--json', 'the get_score_info structured output')
    .action((file: string, options: { json?: boolean }) =>
      reportingFailures(program, async () => {
        const { tools, id } = await importFile(file, [getScoreInfo]);
        printScoreInfo(structured<ScoreInfo>(await tools.call('get_score_info', { id })), options.json ?? false);
      }),
    );
}

/** Writes the info as JSON or as fields and a table of parts. */
export function printScoreInfo(info: ScoreInfo, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    return;
  }
  const fields = formatFields([
    ['Title', info.title ?? '—'],
    ['Composer', info.composer ?? '—'],
    ['Format', info.format],
    ['Parts', partsAndStaves(info.parts.length, info.partCount)],
    ['Measures', info.measureCount],
    ['Notes', info.noteCount],
    ['Rests', info.restCount],
    ['Duration', `${info.durationQuarters} quarter notes`],
    ['Key signature', info.keySignatureFifths === null ? '—' : keySignature(info.keySignatureFifths)],
    ['Time signature', info.timeSignature ?? '—'],
    ['Ambitus', ambitus(info.ambitus)],
  ]);
  const parts = info.parts.map((part) => [part.name ?? part.id, part.measureCount, part.noteCount, ambitus(part.ambitus)]);
  process.stdout.write(`${fields}\n${formatTable(['part', 'measures', 'notes', 'ambitus'], parts)}`);
}

/** keySignature(3) → "3 sharps"; keySignature(-1) → "1 flat" */
function keySignature(fifths: number): string {
  if (fifths === 0) return 'no sharps or flats';
  const count = Math.abs(fifths);
  return `${count} ${fifths > 0 ? 'sharp' : 'flat'}${count === 1 ? '' : 's'}`;
}

function ambitus(range: Ambitus | undefined): string {
  return range ? `${range.lowest}–${range.highest} (${range.semitones} semitones)` : '—';
}
