/** `cadenza render FILE --out page.svg|page.png`: engrave a page, or a range of measures, with verovio (render_score). */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { renderScore } from '../mcp/tools/render-score.js';
import { EXIT } from './exit-codes.js';
import { reportingFailures } from './failures.js';
import { importFile, structured } from './local-tools.js';
import { READABLE_FORMATS } from '../mcp/readable-formats.js';

interface RenderOptions {
  readonly out: string;
  readonly page?: string;
  readonly measures?: string;
  readonly width?: string;
}

interface Rendered {
  format: 'svg' | 'png';
  page: number;
  pageCount: number;
  width: number;
  height: number;
  svg?: string;
}

const FORMATS: Readonly<Record<string, 'svg' | 'png'>> = { '.svg': 'svg', '.png': 'png' };

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('Engrave a score as notation: one page, or a range of measures, as SVG or PNG (the format comes from --out)')
    .argument('<file>', `the score: ${READABLE_FORMATS}`)
    .requiredOption('--out <file>', 'where to write: a .svg or .png file')
    .option('--page <n>', '1-based page (default 1)')
    .option('--measures <range>', 'only these measures, by number as printed (a pickup is 0), e.g. 1-4')
    .option('--width <pixels>', 'PNG width in pixels (default 1200)')
    .addHelpText('after', '\nExample:\n  cadenza render chorale.mxl --out opening.png --measures 1-4')
    .action((file: string, options: RenderOptions) =>
      reportingFailures(program, async () => {
        const format = FORMATS[extname(options.out).toLowerCase()];
        if (!format) program.error(`Cannot write "${options.out}": --out must end in .svg or .png.`, { exitCode: EXIT.usage });
        const page = wholeNumber(program, '--page', options.page);
        const width = wholeNumber(program, '--width', options.width);
        if (options.measures !== undefined && !/^\d+-\d+$/.test(options.measures)) program.error(`--measures must be a range like 1-4, not "${options.measures}".`, { exitCode: EXIT.usage });
        const { tools, id } = await importFile(file, [renderScore]);
        const args = { id, format, inline: true, ...(page ? { page } : {}), ...(width ? { width } : {}), ...(options.measures ? { measures: options.measures } : {}) };
        const result = await tools.call('render_score', args);
        const rendered = structured<Rendered>(result);
        if (format === 'png' && !result.image) throw new Error('render_score returned no PNG image.');
        writeFileSync(options.out, format === 'svg' ? rendered.svg ?? '' : Buffer.from(result.image?.base64 ?? '', 'base64'));
        process.stderr.write(`wrote ${options.out} (page ${rendered.page} of ${rendered.pageCount}, ${rendered.width}×${rendered.height})\n`);
      }),
    );
}

function wholeNumber(program: Command, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) program.error(`${option} must be a whole number, not "${value}".`, { exitCode: EXIT.usage });
  return Number(value);
}
