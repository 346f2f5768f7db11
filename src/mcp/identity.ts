/**
 * How Cadenza presents itself to clients: a description and an icon beside its name (shown in clients'
 * server and tool lists), and how long clients may cache what never varies between callers.
 */
import type { CacheHint, Icon } from '@modelcontextprotocol/server';
import { isScoreTool, type ToolDefinition } from './define-tool.js';
import { MCP_APP_MIME_TYPE } from './score-view.js';

export const SERVER_DESCRIPTION =
  'Music analysis and composition: import scores (MusicXML, MIDI, ABC, **kern, MEI), analyse key, harmony, cadences, ' +
  'voice leading, melody and rhythm, harmonize melodies, write counterpoint, render notation and audio, edit scores ' +
  'with versions and diffs, and search corpora by melody and harmony.';

/**
 * The server's icon, a beamed pair of eighth notes, inline so it needs no host of its own (the desktop
 * bundle renders it to PNG for Claude Desktop's extension list).
 */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/>' +
  '<path d="M11 8h14v3H14v13a4 4 0 1 1-3-3.9zM22 11h3v10a4 4 0 1 1-3-3.9z" fill="#f1faee"/></svg>';

export const ICONS = [svgIcon(ICON_SVG)];

/** The protocol revisions served, newest first: 2026-07-28 natively, the 2025 ones through the SDK's legacy path. */
export const PROTOCOL_REVISIONS = ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'] as const;

/**
 * Extensions declared in capabilities.extensions (the 2026-07-28 extensions framework): MCP Apps, whose
 * views (render_score's score view) are HTML of the MCP App profile.
 */
export const EXTENSIONS = { 'io.modelcontextprotocol/ui': { mimeTypes: [MCP_APP_MIME_TYPE] } };

// One icon per kind of tool, on the server icon's ground: a stave for tools that work on a score (analyses,
// export, render), a pen for tools that write a new one, stacked scores for the tools over the library
// (import, list, delete, corpus-wide analysis, tenant data).
const TOOL_ICON_PATHS = {
  score: 'M6 9h20M6 13h20M6 17h20M6 21h20M6 25h20M21 7v15',
  generate: 'M8 25l3-8 11-11 4 4-11 11zM11 17l4 4',
  store: 'M7 8h18v4H7zM7 14h18v4H7zM7 20h18v4H7z',
};
const TOOL_ICONS = Object.fromEntries(
  Object.entries(TOOL_ICON_PATHS).map(([kind, path]) => [
    kind,
    [svgIcon(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/><path d="${path}" fill="none" stroke="#f1faee" stroke-width="2"/></svg>`)],
  ]),
) as Record<keyof typeof TOOL_ICON_PATHS, Icon[]>;

/** toolIcons(analyzeKey) → the stave icon; a generating tool gets the pen, a library tool the stack */
export function toolIcons(tool: ToolDefinition): Icon[] {
  if ('generates' in tool) return TOOL_ICONS.generate;
  return isScoreTool(tool) || tool.ui !== undefined ? TOOL_ICONS.score : TOOL_ICONS.store;
}

function svgIcon(svg: string): Icon {
  return { src: `data:image/svg+xml;base64,${btoa(svg)}`, mimeType: 'image/svg+xml', sizes: ['any'] };
}

/**
 * The tool, prompt and template lists and server/discover are the same for every caller of one release:
 * any cache may keep them a few minutes. Resource lists and reads are a tenant's own scores, which change
 * with each import or delete: not cached (the SDK's default, ttlMs 0, private).
 */
const SHARED_FOR_FIVE_MINUTES: CacheHint = { ttlMs: 5 * 60_000, cacheScope: 'public' };
export const CACHE_HINTS = {
  'tools/list': SHARED_FOR_FIVE_MINUTES,
  'prompts/list': SHARED_FOR_FIVE_MINUTES,
  'resources/templates/list': SHARED_FOR_FIVE_MINUTES,
  'server/discover': SHARED_FOR_FIVE_MINUTES,
};
