/** What every attack test shares: the server's base URL from its /mcp URL, and the check that it still lives. */
import { expect } from 'vitest';

/** baseOf("http://127.0.0.1:5000/mcp") → "http://127.0.0.1:5000" */
export function baseOf(mcpUrl: string): string {
  return mcpUrl.replace(/\/mcp$/, '');
}

/** every attack ends by checking the server still answers its liveness probe */
export async function expectAlive(base: string): Promise<void> {
  expect((await fetch(`${base}/health`)).status).toBe(200);
}
