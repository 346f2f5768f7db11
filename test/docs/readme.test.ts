import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { firstSentence, toolsTable } from '../../src/mcp/tools-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('has the tools table the registry makes (after changing a tool: npm run build && node scripts/tools-table.mjs)', () => {
    const section = /<!-- tools-table -->\n([\s\S]*?)\n<!-- \/tools-table -->/.exec(readme)?.[1];
    expect(section).toBe(toolsTable(TOOLS));
  });

  it('cuts descriptions at the first full stop that ends a sentence, not at an abbreviation', () => {
    expect(firstSentence('Load a score, e.g. a chorale. Then analyse it.')).toBe('Load a score, e.g. a chorale.');
    expect(firstSentence('No full stop at all')).toBe('No full stop at all');
  });
});
