/** The command line speaks to a person: every error code has a hint in a shell's terms, none in a model's. */
import { describe, expect, it } from 'vitest';
import { cliHint } from '../../src/cli/failures.js';
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors.js';
import { TOOLS } from '../../src/mcp/tools/index.js';

describe('cliHint', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('has a hint for every error code that names no MCP tool, schema or server', () => {
    for (const code of codes) {
      const hint = cliHint(code);
      expect(hint.length, code).toBeGreaterThan(10);
      for (const tool of TOOLS) expect(hint, code).not.toContain(tool.name);
      expect(hint, code).not.toMatch(/\btool\b|schema|\bserver\b|allowed roots/i);
    }
  });

  it('differs from the hint written for a model wherever that one speaks of tools or the server', () => {
    const forModels = codes.filter((code) => /list_scores|delete_score|schema|server/.test(ERROR_CODES[code].hint));
    expect(forModels.length).toBeGreaterThan(0);
    for (const code of forModels) expect(cliHint(code)).not.toBe(ERROR_CODES[code].hint);
  });
});
