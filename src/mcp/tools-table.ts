/** The README's table of tools, made from the tool registry so the two cannot drift apart. */
import type { ToolDefinition } from './define-tool.js';

/** firstSentence("Load a score, e.g. a chorale. Then …") → "Load a score, e.g. a chorale." */
export function firstSentence(text: string): string {
  const end = /(?<!\b(?:e\.g|i\.e|etc|cf|vs))[.!?](?=\s)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** toolsTable(TOOLS) → a Markdown table: name, title, what it does, the scope it needs, whether it changes anything */
export function toolsTable(tools: readonly ToolDefinition[]): string {
  const rows = tools.map((tool) => {
    const effect = tool.annotations.destructiveHint ? 'deletes' : tool.annotations.readOnlyHint ? 'reads' : 'writes';
    return `| \`${tool.name}\` | ${tool.title} | ${firstSentence(tool.description).replace(/\|/g, '\\|')} | \`${tool.scope}\` | ${effect} |`;
  });
  return ['| tool | title | what it does | scope | effect |', '|---|---|---|---|---|', ...rows].join('\n');
}
