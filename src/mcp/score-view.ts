/**
 * An interactive score view for clients that support MCP Apps (SEP-1865): a ui:// HTML resource that
 * render_score links to (its tool `_meta.ui.resourceUri`). The host shows it in a sandboxed frame and
 * hands it the tool result over postMessage (JSON-RPC: ui/initialize, then ui/notifications/tool-result);
 * the view shows the engraved page, zoomable, with the result's summary; a page sent as a link (the
 * result's `uri`) it reads through the host with resources/read. Clients without MCP Apps keep the plain
 * result: the text summary and the image or the link.
 */
import type { McpServer } from '@modelcontextprotocol/server';

export const SCORE_VIEW_URI = 'ui://cadenza/score-view.html';
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';

// The SVG is shown through an <img> (a data: URL), where no script in it could run.
export const SCORE_VIEW_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cadenza score view</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 0; padding: 8px; color: #222; background: #fff; }
  header { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; }
  #summary { flex: 1; }
  #page { overflow: auto; border: 1px solid #ddd; }
  #page img { display: block; transform-origin: top left; }
  button { font: inherit; }
</style>
</head>
<body>
<header><span id="summary">Waiting for a rendered score…</span>
<button id="smaller" type="button" aria-label="Zoom out">−</button><button id="larger" type="button" aria-label="Zoom in">+</button></header>
<div id="page"></div>
<script>
(() => {
  const parent = window.parent;
  let nextId = 1;
  let zoom = 1;
  const send = (message) => parent.postMessage({ jsonrpc: '2.0', ...message }, '*');
  const page = document.getElementById('page');
  const summary = document.getElementById('summary');
  const applyZoom = () => { const image = page.querySelector('img'); if (image) image.style.transform = 'scale(' + zoom + ')'; };
  document.getElementById('smaller').onclick = () => { zoom = Math.max(0.25, zoom / 1.25); applyZoom(); };
  document.getElementById('larger').onclick = () => { zoom = Math.min(4, zoom * 1.25); applyZoom(); };
  const pending = new Map();
  function show(result) {
    const text = (result.content || []).find((item) => item.type === 'text');
    const image = (result.content || []).find((item) => item.type === 'image');
    const structured = result.structuredContent || {};
    const svg = structured.svg;
    summary.textContent = text ? text.text : 'Rendered score';
    if (!svg && !image && structured.uri) {
      const id = nextId++;
      pending.set(id, (read) => {
        const file = ((read && read.contents) || [])[0];
        if (file) draw(file.text !== undefined ? 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(file.text))) : 'data:' + file.mimeType + ';base64,' + file.blob);
      });
      send({ id, method: 'resources/read', params: { uri: structured.uri } });
      return;
    }
    draw(svg ? 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(svg))) : image ? 'data:' + image.mimeType + ';base64,' + image.data : undefined);
  }
  function draw(source) {
    page.replaceChildren();
    if (!source) return;
    const element = document.createElement('img');
    element.alt = summary.textContent;
    element.src = source;
    page.append(element);
    applyZoom();
  }
  window.addEventListener('message', (event) => {
    if (event.source !== parent) return;
    const message = event.data;
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.method === 'ui/notifications/tool-result') show(message.params || {});
    if (message.id === 1 && message.result) send({ method: 'ui/notifications/initialized', params: {} });
    if (message.method === undefined && pending.has(message.id)) { pending.get(message.id)(message.result); pending.delete(message.id); }
  });
  send({ id: nextId++, method: 'ui/initialize', params: { protocolVersion: '2026-01-26', appInfo: { name: 'cadenza-score-view', version: '1' }, appCapabilities: {} } });
})();
</script>
</body>
</html>
`;

/** Offers the view as a resource; tools link to it by SCORE_VIEW_URI. */
export function registerScoreView(server: McpServer): void {
  server.registerResource(
    'score-view',
    SCORE_VIEW_URI,
    { title: 'Score view', description: 'Interactive view of a rendered score (MCP Apps), opened with render_score results.', mimeType: MCP_APP_MIME_TYPE },
    // the view loads nothing from outside (the page comes as a data: URL), so it asks for no CSP domains
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: MCP_APP_MIME_TYPE, text: SCORE_VIEW_HTML, _meta: { ui: { prefersBorder: true } } }] }),
  );
}
