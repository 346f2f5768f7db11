/** Every imported score is also an MCP resource, score://{id}, whose content is its summary as JSON. */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from './ports.js';
import type { TenantResolver } from './tenant.js';

/** JSON-RPC code the MCP specification assigns to "resource not found". */
const RESOURCE_NOT_FOUND = -32002;

export function registerScoreResources(server: McpServer, services: Services, tenantOf: TenantResolver): void {
  const template = new ResourceTemplate('score://{id}', {
    list: async (extra) => ({
      resources: (await services.store.list(tenantOf(extra.authInfo))).map((entry) => ({
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
    async (uri, variables, extra) => {
      const id = String(variables.id);
      const stored = await services.store.get(tenantOf(extra.authInfo), id);
      if (!stored) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: no score with id "${id}".`, { uri: uri.href });
      const body = { id, format: stored.format, origin: stored.origin, ...stored.summary };
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
    },
  );
}
