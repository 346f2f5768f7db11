/**
 * How Cadenza presents itself to clients: a description and an icon beside its name (shown in clients'
 * server and tool lists), and how long clients may cache what never varies between callers.
 */
import type { CacheHint } from '@modelcontextprotocol/server';

export const SERVER_DESCRIPTION =
  'Music analysis and composition: import scores (MusicXML, MIDI, ABC, **kern, MEI), analyse key, harmony, cadences, ' +
  'voice leading, melody and rhythm, harmonize melodies, write counterpoint, and render notation.';

/** a beamed pair of eighth notes, inline so the icon needs no host of its own */
const NOTE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/>' +
  '<path d="M11 8h14v3H14v13a4 4 0 1 1-3-3.9zM22 11h3v10a4 4 0 1 1-3-3.9z" fill="#f1faee"/></svg>';

export const ICONS = [{ src: `data:image/svg+xml;base64,${btoa(NOTE_SVG)}`, mimeType: 'image/svg+xml', sizes: ['any'] }];

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
