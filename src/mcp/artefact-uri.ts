/** Names of artefacts (see artefacts.ts): the URI that makes a file again, and the link a tool result carries. */
import type { ResourceLink } from './define-tool.js';

/** default answers carry a file inline only up to this size; larger ones go out as links */
export const INLINE_BYTES = 8 * 1024;

/** the URI template of artefacts, beside score://{id} */
export const ARTEFACT_TEMPLATE = 'score://{id}/{file}';

type Query = Readonly<Record<string, string | number | boolean | readonly (string | number)[] | undefined>>;

/** artefactUri("bwv66-6-3f9a1c2e", "export.mid", { from: 1, to: 4 }) → "score://bwv66-6-3f9a1c2e/export.mid?from=1&to=4" */
export function artefactUri(id: string, file: string, query: Query): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const text = search.toString();
  return `score://${encodeURIComponent(id)}/${file}${text ? `?${text}` : ''}`;
}

/** a link to an artefact, as a tool result carries it */
export function artefactLink(uri: string, name: string, mimeType: string, size: number, description: string): ResourceLink {
  return { uri, name, mimeType, size, description };
}

/** the file extension export_score gives each format */
export const EXPORT_EXTENSIONS: Readonly<Record<'musicxml' | 'midi' | 'mei' | 'abc' | 'kern' | 'rntxt', string>> = { musicxml: 'musicxml', midi: 'mid', mei: 'mei', abc: 'abc', kern: 'krn', rntxt: 'rntxt' };

