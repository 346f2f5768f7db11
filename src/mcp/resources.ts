/**
 * Every imported score is also an MCP resource, score://{id}, whose content is its summary as JSON; its
 * engraved pages and exported files are resources under it (score://{id}/{file}, see artefacts.ts), which
 * tools hand out as resource links.
 */
import { ProtocolError, ResourceNotFoundError, ResourceTemplate, type McpServer, type ServerContext } from '@modelcontextprotocol/server';
import { isCadenzaError } from '../core/errors.js';
import { ARTEFACT_TEMPLATE } from './artefact-uri.js';
import { readArtefact } from './artefacts.js';
import type { Services } from './ports.js';
import type { ToolCall } from './define-tool.js';
import { checkScoreId, loadScore } from './score-ids.js';
import type { RolesResolver, TenantResolver } from './tenant.js';
import { readableBy } from './workspaces.js';

/** JSON-RPC "invalid params", which the 2026-07-28 revision also uses for "resource not found" */
const INVALID_PARAMS = -32602;

export function registerScoreResources(server: McpServer, services: Services, tenantOf: TenantResolver, rolesOf: RolesResolver): void {
  const template = new ResourceTemplate('score://{id}', {
    list: async (context) => ({
      resources: (await services.store.list(tenantOf(context.http?.authInfo))).filter((entry) => readableBy(rolesOf(context.http?.authInfo))(entry.id)).map((entry) => ({
        uri: `score://${entry.id}`,
        name: entry.id,
        title: entry.title ?? entry.id,
        description: [entry.composer, entry.format, entry.origin].filter(Boolean).join(' · '),
        mimeType: 'application/json',
      })),
    }),
  });
  const callOf = (context: ServerContext): ToolCall => {
    const roles = rolesOf(context.http?.authInfo);
    return { tenantId: tenantOf(context.http?.authInfo), ...(roles ? { roles } : {}), signal: context.mcpReq.signal, progress: () => undefined };
  };
  server.registerResource(
    'score',
    template,
    { title: 'Imported score', description: 'An imported score: metadata, parts and counts.', mimeType: 'application/json' },
    async (uri, variables, context) => {
      const id = String(variables.id);
      const stored = await readable(() => loadScore(services, callOf(context), checkScoreId(id)), uri.href);
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
      const file = await readable(() => readArtefact(uri.href, services, callOf(context)), uri.href);
      const text = TEXT_TYPES.has(file.mimeType) ? { text: new TextDecoder().decode(file.bytes) } : { blob: Buffer.from(file.bytes).toString('base64') };
      return { contents: [{ uri: uri.href, mimeType: file.mimeType, ...text }] };
    },
  );
}

/** A resource read's coded failure as the protocol's error: not found, or invalid params with the code (FORBIDDEN, …). */
async function readable<T>(read: () => Promise<T>, uri: string): Promise<T> {
  return read().catch((error: unknown) => {
    if (!isCadenzaError(error)) throw error;
    if (error.code === 'SCORE_NOT_FOUND') throw new ResourceNotFoundError(uri, `Resource not found: ${error.code}: ${error.message}`);
    throw new ProtocolError(INVALID_PARAMS, `${error.code}: ${error.message}`, { uri });
  });
}

/** files sent as text in a resource read; the rest (PNG, MIDI) as base64 blobs */
const TEXT_TYPES = new Set(['image/svg+xml', 'application/vnd.recordare.musicxml+xml', 'application/mei+xml', 'text/vnd.abc', 'text/x-kern']);
