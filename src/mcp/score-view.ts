/**
 * An interactive score view for clients that support MCP Apps (SEP-1865): a ui:// HTML resource that
 * render_score links to (its tool `_meta.ui.resourceUri`). The host shows it in a sandboxed frame and
 * hands it the tool result over postMessage (JSON-RPC: ui/initialize, then ui/notifications/tool-result);
 * the view shows the engraved page, zoomable, with the result's summary; a page sent as a link (the
 * result's `uri`) it reads through the host with resources/read. Where the host lets it call tools, it
 * plays the score and follows it (web/app/, the web viewer's player). Clients without MCP Apps keep the
 * plain result: the text summary and the image or the link.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/server';

export const SCORE_VIEW_URI = 'ui://cadenza/score-view.html';
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';

/** the view's script, built from web/app/ by `npm run build` (dist/app from both src/mcp and dist/mcp) */
const SCRIPT_FILE = fileURLToPath(new URL('../../dist/app/score-view.js', import.meta.url));

const STYLE = `
  body { font: 14px system-ui, sans-serif; margin: 0; padding: 8px; color: #222; background: #fff; }
  header { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
  #summary { flex: 1; }
  #player { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
  #player:empty { display: none; }
  #notice { margin: 0 0 6px; color: #8a4b00; }
  #page { overflow: auto; border: 1px solid #ddd; }
  #page > * { display: block; transform-origin: top left; }
  #page g.measure { cursor: pointer; }
  g.measure.playing { color: #1565c0; }
  rect.play-mark { fill: #1565c0; fill-opacity: 0.1; }
  g.note.sounding { color: #d84315; fill: #d84315; }
  button { font: inherit; }
  #tempo { width: 4rem; }
  #parts { display: inline-flex; gap: 12px; }
  #parts .part { white-space: nowrap; }
  #parts .toggle { margin-left: 3px; }
`;

let html: string | undefined;

/**
 * scoreViewHtml() → the view's page: the engraved page first as an image (no script in an SVG shown so can
 * run), then, where the host lets the view call tools, as live SVG that a player follows. Without its built
 * script (sources not yet built) the page says so instead of failing.
 */
export function scoreViewHtml(): string {
  if (html !== undefined) return html;
  const script = existsSync(SCRIPT_FILE)
    ? readFileSync(SCRIPT_FILE, 'utf8').replace(/<\/script/gi, '<\\/script')
    : "document.getElementById('summary').textContent = 'The score view is not built; run npm run build.';";
  html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cadenza score view</title>
<style>${STYLE}</style>
</head>
<body>
<header><span id="summary">Waiting for a rendered score…</span>
<button id="smaller" type="button" aria-label="Zoom out">−</button><button id="larger" type="button" aria-label="Zoom in">+</button></header>
<div id="player"></div>
<p id="notice" role="status" hidden></p>
<div id="page"></div>
<script>${script}</script>
</body>
</html>
`;
  return html;
}

/** Offers the view as a resource; tools link to it by SCORE_VIEW_URI. */
export function registerScoreView(server: McpServer): void {
  server.registerResource(
    'score-view',
    SCORE_VIEW_URI,
    { title: 'Score view', description: 'Interactive view of a rendered score (MCP Apps), opened with render_score results.', mimeType: MCP_APP_MIME_TYPE },
    // the view loads nothing from outside (pages and audio come through the host), so it asks for no CSP domains
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: MCP_APP_MIME_TYPE, text: scoreViewHtml(), _meta: { ui: { prefersBorder: true } } }] }),
  );
}
