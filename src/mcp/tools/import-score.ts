import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { SCORE_FORMATS, resolveFormat, type ScoreFormat } from '../../formats/read-score.js';
import { defineTool } from '../define-tool.js';
import type { CatalogueEntry, Services, StoredScore } from '../ports.js';
import { diagnosticOutput, workspaceInput } from '../schemas.js';
import { scoreIdFor } from '../score-ids.js';
import { chooseTune, type ChosenTune } from '../tune-choice.js';
import { firstVersion } from '../versions.js';
import { count } from '../wording.js';
import { DEFAULT_WORKSPACE, scoreIdInWorkspace } from '../workspaces.js';

const MAX_DIAGNOSTICS_SHOWN = 20;

interface Source {
  readonly bytes: Uint8Array;
  readonly origin: string;
  readonly fileName?: string;
  readonly declared?: ScoreFormat;
  /** a corpus piece's name from the manifest */
  readonly catalogue?: CatalogueEntry;
}

export const importScore = defineTool({
  name: 'import_score',
  title: 'Import a score',
  description:
    'Load a score so other tools can work on it; returns its id. Give exactly one source: `path` (a file on ' +
    "the server inside its allowed folders: MusicXML .xml, .musicxml, .mxl, Humdrum **kern .krn, ABC .abc — one tune of a tune book: `tune`, else the person is asked, else the first —, MIDI .mid/.midi, MEI .mei), `content` with `format` (the score's text, " +
    'or base64 with encoding "base64" for binary formats: mxl, midi), or `corpus` (an id of a bundled ' +
    'public-domain score, e.g. "bach/bwv66.6"; list_scores with source "corpus" lists them).',
  input: z.object({
    path: z.string().min(1).max(4096).optional().describe('File path on the server, inside the allowed roots.'),
    content: z.string().optional().describe('The score itself, inline.'),
    format: z.enum(SCORE_FORMATS).optional().describe('Format of `content` (or to override detection).'),
    encoding: z.enum(['utf8', 'base64']).optional().describe('How `content` is encoded; default utf8.'),
    name: z.string().min(1).max(255).optional().describe('The file name `content` came from (e.g. "bwv66.6.mxl"): names the score when it has no title.'),
    corpus: z.string().min(1).max(200).optional().describe('Id of a bundled corpus score.'),
    workspace: workspaceInput.optional().describe(`The workspace of your tenant to put the score in (its id then starts with the name and "~"); default "${DEFAULT_WORKSPACE}".`),
    tune: z.number().int().min(0).max(100_000).optional().describe('Which tune of an ABC tune book, counted from 0 in file order. Without it a client that can ask its user is asked which; otherwise the first is imported, with a warning listing the tunes.'),
  }),
  output: z.object({
    id: z.string(),
    title: z.string().optional(),
    composer: z.string().optional(),
    format: z.enum(SCORE_FORMATS),
    origin: z.string(),
    partCount: z.number().int(),
    measureCount: z.number().int(),
    diagnosticCount: z.number().int(),
    diagnostics: z.array(diagnosticOutput),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scope: 'scores:write',
  // inline content of a megabyte or more is a score of thousands of measures: seconds of parsing
  task: (input) => (input.content?.length ?? 0) >= 1_000_000,
  async handle(input, services, call) {
    const source = await readSource(input, services);
    const format = resolveFormat(source.bytes, source.declared, source.fileName);
    const chosen = format === 'abc' ? chooseTune(source.bytes, input.tune, call) : notATuneBook(input.tune, source.bytes);
    call.progress(1, 3, `Parsing ${format}`);
    const parsed = await services.work.parse(chosen.bytes, format, call, source.catalogue);
    const { data, summary } = parsed;
    const diagnostics = chosen.diagnostic ? [chosen.diagnostic, ...parsed.diagnostics] : parsed.diagnostics;
    call.progress(2, 3, 'Storing');
    const { metadata } = summary;
    const label = metadata.title ?? (source.fileName ? fileStem(source.fileName) : 'score');
    const stored: StoredScore = {
      id: scoreIdInWorkspace(input.workspace ?? DEFAULT_WORKSPACE, scoreIdFor(label, services.newId())),
      data,
      summary,
      format,
      origin: source.origin,
      diagnostics,
      importedAt: services.now(),
      revision: firstVersion(call, services.now(), `Imported from ${source.origin}`),
    };
    await services.store.put(call.tenantId, stored);
    call.progress(3, 3, 'Imported');
    return {
      structured: {
        id: stored.id,
        title: metadata.title,
        composer: metadata.composer,
        format,
        origin: source.origin,
        partCount: summary.parts.length,
        measureCount: summary.measureCount,
        diagnosticCount: diagnostics.length,
        diagnostics: diagnostics.slice(0, MAX_DIAGNOSTICS_SHOWN).map((d) => ({ ...d })),
      },
      summary: `Imported "${label}" as ${stored.id} (${count(summary.parts.length, 'part')}, ${format}${
        diagnostics.length ? `, ${count(diagnostics.length, 'warning')}` : ''
      }).${chosen.diagnostic ? ` ${chosen.diagnostic.message}` : ''}`,
    };
  },
});

type ImportInput = z.infer<typeof importScore.input>;

function notATuneBook(tune: number | undefined, bytes: Uint8Array): ChosenTune {
  if (tune !== undefined) throw new CadenzaError('INVALID_ARGUMENT', '`tune` chooses a tune of an ABC tune book; this score is in another format.');
  return { bytes };
}

async function readSource(input: ImportInput, services: Services): Promise<Source> {
  const given = [input.path, input.content, input.corpus].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw new CadenzaError('INVALID_ARGUMENT', 'Give exactly one of `path`, `content` (with `format`) or `corpus`.');
  }
  if (input.path !== undefined) {
    const file = await services.files.read(input.path);
    return { bytes: file.bytes, origin: file.path, fileName: file.path, declared: input.format };
  }
  if (input.corpus !== undefined) {
    const { entry, bytes } = await services.corpus.read(input.corpus);
    const catalogue = { title: entry.title, ...(entry.composer ? { composer: entry.composer } : {}) };
    return { bytes, origin: `corpus:${entry.id}`, fileName: `${entry.id}.${entry.format}`, declared: entry.format, catalogue };
  }
  const fileName = input.name === undefined ? {} : { fileName: input.name };
  return { bytes: decodeContent(input, services), origin: 'inline', declared: requireFormat(input.format), ...fileName };
}

function requireFormat(format: ScoreFormat | undefined): ScoreFormat {
  if (!format) throw new CadenzaError('INVALID_ARGUMENT', '`content` needs a `format` (one of ' + SCORE_FORMATS.join(', ') + ').');
  return format;
}

function decodeContent(input: ImportInput, services: Services): Uint8Array {
  const content = input.content ?? '';
  const limit = services.limits.maxInputBytes;
  const base64 = input.encoding === 'base64';
  // Checked on the string first, so a huge request is refused before any copy is made.
  const approximateBytes = base64 ? Math.floor((content.length * 3) / 4) : content.length;
  if (approximateBytes > limit) {
    throw new CadenzaError('LIMIT_EXCEEDED', `The content is ${approximateBytes} bytes; the limit is ${limit} bytes.`);
  }
  if (base64) return new Uint8Array(Buffer.from(content, 'base64'));
  if (input.format === 'mxl' || input.format === 'midi') {
    throw new CadenzaError('INVALID_ARGUMENT', `${input.format} is a binary format: send it base64-encoded with encoding "base64".`);
  }
  const bytes = new TextEncoder().encode(content);
  if (bytes.length > limit) {
    throw new CadenzaError('LIMIT_EXCEEDED', `The content is ${bytes.length} bytes; the limit is ${limit} bytes.`);
  }
  return bytes;
}

/** fileStem("/scores/bwv66.6.mxl") → "bwv66.6" */
export function fileStem(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
