/**
 * The JSON API the web viewer uses, under /api, behind the same admission control and auth as /mcp.
 * Each route runs MCP tool declarations through callTool (same tenant, store, worker pool and scopes);
 * /notes runs the playback listing in the pool the same way; /corpora lists corpora and charts their statistics.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { CadenzaError, isCadenzaError } from '../../core/errors.js';
import type { Scope } from '../../mcp/define-tool.js';
import type { Services } from '../../mcp/ports.js';
import { readArtefact } from '../../mcp/artefacts.js';
import { loadScore } from '../../mcp/score-ids.js';
import { resolveFormat } from '../../formats/read-score.js';
import { rolesOfAuth, tenantOfAuth } from '../auth/verifier.js';
import { callOf, callTool, toolNamed, type ToolContext } from './call-tool.js';
import { requireUploadType } from './cross-site.js';
import { PLAYBACK_NOTES } from '../../mcp/work.js';

export interface ViewerApiOptions {
  readonly services: Services;
  /** admission control and auth, as for /mcp (sets request.auth when auth is on) */
  readonly guards: readonly RequestHandler[];
  /** answers 403 and returns false when the request's token lacks the scope */
  readonly allow: (request: Request, response: Response, scope: Scope) => boolean;
  readonly observe: ToolContext['observe'];
  readonly maxInputBytes: number;
}

const EXPORTS = { musicxml: { extension: 'musicxml' }, midi: { extension: 'mid' } } as const;

/** viewerApi(options) → the router to mount at /api */
export function viewerApi(options: ViewerApiOptions): Router {
  const api = express.Router();
  // answers hold tenants' data: never cached by a browser or proxy, never sniffed into another type
  api.use((_request: Request, response: Response, next: NextFunction) => {
    response.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    next();
  });
  api.use(...options.guards);
  const context = (request: Request, response: Response): ToolContext => {
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort();
    });
    const subject = request.auth?.extra?.['subject'];
    const roles = rolesOfAuth(request.auth);
    return {
      services: options.services, tenantId: tenantOfAuth(request.auth), ...(typeof subject === 'string' ? { subject } : {}), ...(roles ? { roles } : {}),
      signal: aborted.signal, observe: options.observe,
    };
  };
  /** a route that first checks the scope the named tools need */
  const route = (scope: Scope, answer: (request: Request, response: Response, tools: ToolContext) => Promise<void>): RequestHandler =>
    async (request, response, next) => {
      if (!options.allow(request, response, scope)) return;
      try {
        await answer(request, response, context(request, response));
      } catch (error) {
        next(error);
      }
    };
  const read = toolNamed('list_scores').scope;

  api.get('/scores', route(read, async (_request, response, tools) => {
    const listed = await callTool<{ scores: unknown[] }>('list_scores', { source: 'imported' }, tools);
    response.json({ scores: listed.structured.scores });
  }));

  api.post('/scores', requireUploadType, express.raw({ type: () => true, limit: options.maxInputBytes }), route(toolNamed('import_score').scope, async (request, response, tools) => {
    const name = typeof request.query['name'] === 'string' ? request.query['name'] : undefined;
    const workspace = typeof request.query['workspace'] === 'string' ? { workspace: request.query['workspace'] } : {};
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'Send the score file as the request body.');
    const format = resolveFormat(bytes, undefined, name);
    const imported = await callTool('import_score', { content: bytes.toString('base64'), encoding: 'base64', format, ...(name ? { name } : {}), ...workspace }, tools);
    response.status(201).json(imported.structured);
  }));

  api.get('/scores/:id/render', route(toolNamed('render_score').scope, async (request, response, tools) => {
    const given = request.query['page'];
    if (given !== undefined && !(typeof given === 'string' && /^\d{1,6}$/.test(given))) {
      throw new CadenzaError('INVALID_ARGUMENT', `page must be a page number (1, 2, …), not ${JSON.stringify(given)}.`);
    }
    const page = given === undefined ? 1 : Number(given);
    const measures = measuresQuery(request);
    const timemap = request.query['timemap'] === '1';
    const rendered = await callTool('render_score', { id: request.params['id'], format: 'svg', page, inline: true, ...(measures ? { measures } : {}), ...(timemap ? { timemap } : {}) }, tools);
    response.json(rendered.structured);
  }));

  // what the viewer's player plays: render_audio's Ogg Vorbis, at a tempo, of some parts and measures
  api.get('/scores/:id/audio', route(toolNamed('render_audio').scope, async (request, response, tools) => {
    const measures = measuresQuery(request);
    const [from, to] = measures ? measures.split('-').map(Number) : [];
    const tempo = request.query['quarterBpm'];
    const parts = request.query['parts'];
    if (tempo !== undefined && !(typeof tempo === 'string' && /^\d{1,3}(\.\d+)?$/.test(tempo))) throw new CadenzaError('INVALID_ARGUMENT', 'quarterBpm must be a number of quarter notes per minute.');
    if (parts !== undefined && !(typeof parts === 'string' && /^\d{1,3}(,\d{1,3})*$/.test(parts))) throw new CadenzaError('INVALID_ARGUMENT', 'parts must be part indices separated by commas, like 0,2.');
    const asked = {
      id: request.params['id'], format: 'ogg', inline: true,
      ...(measures ? { measures: { from, to } } : {}), ...(tempo ? { quarterBpm: Number(tempo) } : {}), ...(parts ? { parts: parts.split(',').map(Number) } : {}),
    };
    const rendered = await callTool<{ mimeType: string }>('render_audio', asked, tools);
    response.set({ 'Content-Type': rendered.structured.mimeType }).send(Buffer.from(rendered.audio!.base64, 'base64'));
  }));

  api.get('/scores/:id/analysis', route(toolNamed('analyze_harmony').scope, async (request, response, tools) => {
    const id = request.params['id'];
    const [harmony, key, voiceLeading] = await Promise.all([
      callTool('analyze_harmony', { id, maxChords: 5000 }, tools),
      callTool('analyze_key', { id, regions: true }, tools),
      callTool('analyze_voice_leading', { id, maxFindings: 1000 }, tools),
    ]);
    response.json({ harmony: harmony.structured, key: key.structured, voiceLeading: voiceLeading.structured });
  }));

  api.get('/scores/:id/notes', route(read, async (request, response, tools) => {
    // decoded and listed in the worker pool (with its cache of decoded scores), not on the event loop
    const call = callOf(tools);
    const stored = await loadScore(options.services, call, String(request.params['id']));
    const release = options.services.store.hold(call.tenantId, [stored.id]);
    try {
      response.json((await options.services.work.compute(PLAYBACK_NOTES, {}, [stored], call)).structured);
    } finally {
      release();
    }
  }));

  api.get('/scores/:id/versions', route(toolNamed('list_versions').scope, async (request, response, tools) => {
    response.json((await callTool('list_versions', { id: request.params['id'] }, tools)).structured);
  }));

  // the shown score against another (a version of it as id@N, or another score): diff_scores, every change in one answer
  api.get('/scores/:id/diff', route(toolNamed('diff_scores').scope, async (request, response, tools) => {
    const against = request.query['against'];
    if (typeof against !== 'string' || against.length === 0 || against.length > 200) throw new CadenzaError('INVALID_ARGUMENT', 'against must name the score to compare with: its id, or id@N for a version.');
    response.json((await callTool('diff_scores', { before: { id: against }, after: { id: request.params['id'] }, maxChanges: 5000 }, tools)).structured);
  }));

  api.get('/scores/:id/export', route(toolNamed('export_score').scope, async (request, response, tools) => {
    const format = String(request.query['format'] ?? 'musicxml');
    if (format !== 'musicxml' && format !== 'midi') throw new CadenzaError('INVALID_ARGUMENT', 'format must be "musicxml" or "midi".');
    const exported = await callTool<{ id: string; mimeType: string; content: string }>('export_score', { id: request.params['id'], format, inline: true }, tools);
    const fileName = `${exported.structured.id}.${EXPORTS[format].extension}`;
    response
      .set({ 'Content-Type': exported.structured.mimeType, 'Content-Disposition': `attachment; filename="${fileName}"` })
      .send(Buffer.from(exported.structured.content, 'base64'));
  }));

  api.get('/corpora', route(toolNamed('list_corpora').scope, async (_request, response, tools) => {
    response.json((await callTool('list_corpora', {}, tools)).structured);
  }));

  // a corpus's distributions with their chart (corpus_statistics with chart: true), optionally of the pieces a filter names
  api.get('/corpora/:name/statistics', route(toolNamed('corpus_statistics').scope, async (request, response, tools) => {
    const filter = request.query['filter'];
    if (filter !== undefined && typeof filter !== 'string') throw new CadenzaError('INVALID_ARGUMENT', 'filter must be one piece-id fragment, like bach/.');
    const statistics = await callTool('corpus_statistics', { corpus: request.params['name'], chart: true, top: 12, ...(filter ? { filter } : {}) }, tools);
    response.json(statistics.structured);
  }));

  // the files tools link to as score://{id}/{file}?…, over HTTP: the same URI's path and query under /api/scores
  api.get('/scores/:id/files/:file', route(read, async (request, response, tools) => {
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    const uri = `score://${encodeURIComponent(String(request.params['id']))}/${String(request.params['file'])}${query}`;
    const call = callOf(tools);
    const file = await readArtefact(uri, options.services, call);
    response.set({ 'Content-Type': file.mimeType }).send(Buffer.from(file.bytes));
  }));

  api.use((_request: Request, response: Response) => void response.status(404).json({ error: 'not_found', error_description: 'No such API route.' }));
  api.use(answerApiErrors);
  return api;
}

/** the measures query, a range of printed numbers like 12-19, or undefined */
function measuresQuery(request: Request): string | undefined {
  const measures = request.query['measures'];
  if (measures !== undefined && !(typeof measures === 'string' && /^\d{1,6}-\d{1,6}$/.test(measures))) {
    throw new CadenzaError('INVALID_ARGUMENT', `measures must be a range of printed measure numbers like 12-19, not ${JSON.stringify(measures)}.`);
  }
  return measures;
}

/** Coded errors keep their code and HTTP status; anything else is INTERNAL and logged. */
function answerApiErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const status = Number((error as { status?: unknown }).status ?? 500);
  if (isCadenzaError(error)) {
    if (error.status >= 500) request.log.warn({ err: error }, 'viewer API call failed');
    if (error.retryAfterSeconds !== undefined) response.set('Retry-After', String(error.retryAfterSeconds));
    return void response.status(error.status).json({ error: error.code, error_description: error.message, hint: error.hint });
  }
  if (status === 413) return void response.status(413).json({ error: 'LIMIT_EXCEEDED', error_description: 'The file is larger than the server accepts.' });
  if (status >= 400 && status < 500) return void response.status(status).json({ error: 'INVALID_ARGUMENT', error_description: 'The request could not be read.' });
  request.log.error({ err: error }, 'viewer API call failed unexpectedly');
  response.status(500).json({ error: 'INTERNAL', error_description: 'Internal error; the server log has the details.' });
}
