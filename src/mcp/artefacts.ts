/**
 * Large artefacts (engraved pages, exported files) leave a tool as resource links rather than inline:
 * a URI that names the score and the arguments that make the file, so that reading it (MCP
 * resources/read, or GET /api/scores/{id}/files/{file} over HTTP) runs the same tool again, asking for the
 * file inline. Nothing is kept between the call and the read, and every replica can answer the read.
 *
 *   score://{id}/render.svg?page=2&from=5&to=12     render_score
 *   score://{id}/export.mid?part=0&from=1&to=8      export_score
 *   score://{id}/audio.ogg?from=1&to=4&quarterBpm=80 render_audio
 */
import { CadenzaError } from '../core/errors.js';
import type { ToolCall } from './define-tool.js';
import { executeTool } from './execute-tool.js';
import type { Services } from './ports.js';
import { exportScore } from './tools/export-score.js';
import { renderAudio } from './tools/render-audio.js';
import { renderScore } from './tools/render-score.js';

export interface ArtefactFile {
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** readArtefact("score://…/render.svg?page=1", services, call) → the file, made again by its tool */
export async function readArtefact(uri: string, services: Services, call: ToolCall): Promise<ArtefactFile> {
  const { id, file, search } = parseArtefactUri(uri);
  const [stem = '', extension = ''] = file.split('.');
  const measures = search.has('from') && search.has('to') ? { measures: { from: measureOf(search.get('from')!), to: measureOf(search.get('to')!) } } : {};
  if (stem === 'render' && (extension === 'svg' || extension === 'png')) {
    const input = renderScore.input.parse({ id, format: extension, inline: true, ...numbers(search, ['page', 'width']), ...measures });
    const result = await executeTool(renderScore, input, services, call);
    const rendered = result.structured as { svg?: string };
    if (extension === 'svg') return { mimeType: 'image/svg+xml', bytes: new TextEncoder().encode(rendered.svg ?? '') };
    return { mimeType: 'image/png', bytes: new Uint8Array(Buffer.from(result.image?.base64 ?? '', 'base64')) };
  }
  const parts = search.getAll('part').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (stem === 'audio') return readAudio(id, extension, search, parts, measures, services, call);
  const format = stem === 'export' ? FORMAT_OF_EXTENSION[extension] : undefined;
  if (!format) throw new CadenzaError('INVALID_ARGUMENT', `No artefact "${file}": render.svg, render.png, export.{musicxml,mid,mei,abc,krn,rntxt} or audio.{wav,flac,mp3,ogg}.`);
  const unfold = search.get('unfoldRepeats');
  const input = exportScore.input.parse({
    id,
    format,
    inline: true,
    ...(parts.length > 0 ? { parts } : {}),
    ...(unfold === null ? {} : { unfoldRepeats: unfold === 'true' }),
    ...(search.get('analysis') === 'true' ? { analysis: true } : {}),
    ...measures,
  });
  const exported = (await executeTool(exportScore, input, services, call)).structured as { mimeType: string; content?: string };
  return { mimeType: exported.mimeType, bytes: new Uint8Array(Buffer.from(exported.content ?? '', 'base64')) };
}

/** an audio file render_audio linked to, rendered again (the schema refuses what render_audio would) */
async function readAudio(id: string, format: string, search: URLSearchParams, parts: (number | string)[], measures: object, services: Services, call: ToolCall): Promise<ArtefactFile> {
  const flag = (name: string) => (search.has(name) ? { [name]: search.get(name) === 'true' } : {});
  const input = renderAudio.input.parse({
    id,
    format,
    inline: true,
    ...(parts.length > 0 ? { parts } : {}),
    ...measures,
    ...numbers(search, ['quarterBpm', 'countInBars']),
    ...flag('metronome'),
  });
  const result = await executeTool(renderAudio, input, services, call);
  const audio = result.audio ?? { mimeType: 'application/octet-stream', base64: '' };
  return { mimeType: audio.mimeType, bytes: new Uint8Array(Buffer.from(audio.base64, 'base64')) };
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, 'musicxml' | 'midi' | 'mei' | 'abc' | 'kern' | 'rntxt'>> = { musicxml: 'musicxml', mid: 'midi', mei: 'mei', abc: 'abc', krn: 'kern', rntxt: 'rntxt' };

function parseArtefactUri(uri: string): { id: string; file: string; search: URLSearchParams } {
  const match = /^score:\/\/([^/?#]+)\/([^/?#]+)(?:\?([^#]*))?$/.exec(uri);
  if (!match) throw new CadenzaError('INVALID_ARGUMENT', `"${uri}" is not an artefact URI (score://{id}/{file}).`);
  return { id: decodeURIComponent(match[1]!), file: match[2]!, search: new URLSearchParams(match[3] ?? '') };
}

function numbers(search: URLSearchParams, names: readonly string[]): Record<string, number> {
  return Object.fromEntries(names.filter((name) => search.has(name)).map((name) => [name, Number(search.get(name))]));
}

/** a printed measure number: a number when it is one ("12"), else as written ("12a") */
function measureOf(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}
