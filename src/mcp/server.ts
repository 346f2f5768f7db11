/**
 * Builds an McpServer from the tool declarations and the score resources. Knows nothing of transports:
 * stdio and HTTP both connect to what this returns.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from './define-tool.js';
import type { Services } from './ports.js';
import { registerScoreResources } from './resources.js';
import { singleTenant, type TenantResolver } from './tenant.js';
import { toToolError, type ErrorLog } from './tool-error.js';
import { TOOLS } from './tools/index.js';

export interface ServerOptions {
  readonly services: Services;
  readonly log: ErrorLog;
  readonly version: string;
  /** which tenant a request acts for; default: one local tenant */
  readonly tenantOf?: TenantResolver;
}

const INSTRUCTIONS =
  'Cadenza analyses music. Import a score first (import_score: a file, inline MusicXML, or a bundled corpus ' +
  'id from list_scores), then pass its id to the analysis tools. Scores are also readable as score://{id}.';

/** createMcpServer({ services, log, version }) → an McpServer with every Cadenza tool registered */
export function createMcpServer(options: ServerOptions): McpServer {
  const server = new McpServer(
    { name: 'cadenza', title: 'Cadenza', version: options.version },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  for (const tool of TOOLS) registerTool(server, tool, options);
  registerScoreResources(server, options.services, options.tenantOf ?? singleTenant);
  return server;
}

function registerTool(server: McpServer, tool: ToolDefinition, options: ServerOptions): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (input: unknown, extra): Promise<CallToolResult> => {
      try {
        const call = { tenantId: (options.tenantOf ?? singleTenant)(extra.authInfo), signal: extra.signal };
        const result = await tool.handle(input as never, options.services, call);
        return {
          content: [
            { type: 'text', text: result.summary },
            { type: 'text', text: JSON.stringify(result.structured) },
          ],
          structuredContent: result.structured as Record<string, unknown>,
        };
      } catch (error) {
        return toToolError(error, tool.name, options.log);
      }
    },
  );
}
