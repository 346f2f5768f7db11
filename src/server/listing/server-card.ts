/**
 * The MCP Server Card (SEP-2127, the experimental-ext-server-card schema v1): a static description of the
 * HTTP server that a client reads before it connects — its identity, where /mcp is and which protocol
 * revisions it speaks. It names no tools (clients list those at run time) and nothing secret.
 */
import { ICONS, PROTOCOL_REVISIONS } from '../../mcp/identity.js';
import type { PackageFacts } from './package-facts.js';

export const SERVER_CARD_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json';
export const SERVER_CARD_MEDIA_TYPE = 'application/mcp-server-card+json';

export interface CardOptions {
  /** the public URL of the MCP endpoint, e.g. "https://music.example.com/mcp" */
  readonly endpoint: string;
  /** true when /mcp asks for a bearer token (API key or OAuth) */
  readonly needsToken: boolean;
}

/** serverCard(facts, { endpoint: "https://h/mcp", needsToken: false }) → the card, as JSON-ready data */
export function serverCard(facts: PackageFacts, options: CardOptions) {
  return {
    $schema: SERVER_CARD_SCHEMA,
    name: facts.mcpName,
    version: facts.version,
    title: 'Cadenza',
    description: facts.description,
    icons: ICONS,
    remotes: [
      {
        type: 'streamable-http' as const,
        url: options.endpoint,
        ...(options.needsToken
          ? { headers: [{ name: 'Authorization', description: 'Bearer token: an API key or an OAuth access token.', isRequired: true, isSecret: true }] }
          : {}),
        supportedProtocolVersions: [...PROTOCOL_REVISIONS],
      },
    ],
  };
}
