/** Every imported score is also an MCP resource, score://{id}, whose content is its summary as JSON. */
import { ResourceNotFoundError, ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { Services } from './ports.js';
import type { TenantResolver } from './tenant.js';

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
}
