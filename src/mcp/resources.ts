/**
 * Every imported score is also an MCP resource, score://{id}, whose content is its summary as JSON; its
 * engraved pages and exported files are resources under it (score://{id}/{file}, see artefacts.ts), which
 * tools hand out as resource links.
 */
import { ProtocolError, ResourceNotFoundError, ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { isCadenzaError } from '../core/errors.js';
import { ARTEFACT_TEMPLATE } from './artefact-uri.js';
import { readArtefact } from './artefacts.js';
import type { Services } from './ports.js';
import type { TenantResolver } from './tenant.js';

/** JSON-RPC "invalid params", which the 2026-07-28 revision also uses for "resource not found" */
const INVALID_PARAMS = -32602;

export function registerScoreResources(server: McpServer, services: Services, tenantOf: TenantResolver): void {
  const template = new ResourceTemplate('score://{id}', {
    list: async (context) => ({
      resources: (await services.store.list(tenantOf(context.http?.authInfo))).map((entry) => ({
        uri: `score://${entry.id}`,
        name: entry.id,
        title: entry.title ?? entry.id,
        description: [entry.composer, entry.format, entry.origin].filter(Boolean).join(' · '),
        mimeType: 'application/json',
      })),
    }),
  });
  server.registerResource(
    'score',
    template,
    { title: 'Imported score', description: 'An imported score: metadata, parts and counts.', mimeType: 'application/json' },
    async (uri, variables, context) => {
      const id = String(variables.id);
      const stored = await services.store.get(tenantOf(context.http?.authInfo), id);
      // -32602 on every revision (the 2026-07-28 specification; the SDK maps the older -32002 to it)
      if (!stored) throw new ResourceNotFoundError(uri.href, `Resource not found: no score with id "${id}".`);
      const body = { id, format: stored.format, origin: stored.origin, ...stored.summary };
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
    },
  );
  server.registerResource(
    'score-file',
    new ResourceTemplate(ARTEFACT_TEMPLATE, { list: undefined }),
    { title: 'Score file', description: 'An engraved page or an exported file of an imported score, as render_score and export_score link to it.' },
    async (uri, _variables, context) => {
      const call = { tenantId: tenantOf(context.http?.authInfo), signal: context.mcpReq.signal, progress: () => undefined };
      const file = await readArtefact(uri.href, services, call).catch((error: unknown) => {
        if (!isCadenzaError(error)) throw error;
        if (error.code === 'SCORE_NOT_FOUND') throw new ResourceNotFoundError(uri.href, `${error.code}: ${error.message}`);
        throw new ProtocolError(INVALID_PARAMS, `${error.code}: ${error.message}`, { uri: uri.href });
      });
      const text = TEXT_TYPES.has(file.mimeType) ? { text: new TextDecoder().decode(file.bytes) } : { blob: Buffer.from(file.bytes).toString('base64') };
      return { contents: [{ uri: uri.href, mimeType: file.mimeType, ...text }] };
    },
  );
}

/** files sent as text in a resource read; the rest (PNG, MIDI) as base64 blobs */
const TEXT_TYPES = new Set(['image/svg+xml', 'application/vnd.recordare.musicxml+xml', 'application/mei+xml', 'text/vnd.abc', 'text/x-kern']);
