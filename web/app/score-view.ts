/**
 * The MCP App score view's script (bundled into the ui:// resource by `npm run build`). The host hands it
 * render_score's result: the page is shown at once as an image. Where the host lets the view call the
 * server's tools (hostCapabilities.serverTools), the view asks render_score again for every page inline
 * with the timemap, and plays render_audio's rendering with the same player as the web viewer; where it
 * does not, or where sound is not allowed, the page stays a static view and a message says why.
 */
import { mountPlayer } from '../player-controls.js';
import { hostConnection, type ToolResult } from './host.js';
import { inlineSvg } from './svg.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const page = $<HTMLDivElement>('page');
const summary = $<HTMLSpanElement>('summary');
const notice = $<HTMLParagraphElement>('notice');
let zoom = 1;

interface RenderStructured { id?: string; svg?: string; uri?: string; pageCount?: number; timemap?: Parameters<typeof mountPlayer>[0]['timemap'] }

const applyZoom = () => {
  const shown = page.firstElementChild as HTMLElement | SVGElement | null;
  if (shown) shown.style.transform = `scale(${zoom})`;
};
$('smaller').onclick = () => {
  zoom = Math.max(0.25, zoom / 1.25);
  applyZoom();
};
$('larger').onclick = () => {
  zoom = Math.min(4, zoom * 1.25);
  applyZoom();
};

function tell(message: string): void {
  notice.textContent = message;
  notice.hidden = message === '';
}

const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;

function drawImage(source: string | undefined): void {
  page.replaceChildren();
  if (!source) return;
  const image = Object.assign(document.createElement('img'), { alt: summary.textContent ?? 'Score', src: source });
  page.append(image);
  applyZoom();
}

const host = hostConnection(window.parent, (result) => void show(result));

/** the static page first, then the playable one when the host allows */
async function show(result: ToolResult): Promise<void> {
  const text = result.content?.find((item) => item.type === 'text');
  const image = result.content?.find((item) => item.type === 'image');
  const structured = (result.structuredContent ?? {}) as RenderStructured;
  summary.textContent = text?.text ?? 'Rendered score';
  if (structured.svg) drawImage(svgDataUrl(structured.svg));
  else if (image?.data) drawImage(`data:${image.mimeType};base64,${image.data}`);
  else if (structured.uri) {
    const read = await host.request<{ contents?: { text?: string; blob?: string; mimeType?: string }[] }>('resources/read', { uri: structured.uri });
    const file = read.contents?.[0];
    if (file) drawImage(file.text !== undefined ? svgDataUrl(file.text) : `data:${file.mimeType};base64,${file.blob}`);
  }
  if (!structured.id) return;
  if (!(await host.capabilities()).serverTools) {
    return tell('Playback is off: this host does not let the view ask the server for audio. The notation is shown as it is.');
  }
  await playable(structured.id, rangeOf(structured.uri)).catch((error: unknown) => tell(`Playback is off: ${error instanceof Error ? error.message : String(error)}`));
}

/** the measures render_score was asked for, from its file's URI (…/render.svg?page=1&from=1&to=4) */
function rangeOf(uri: string | undefined): { from: string; to: string } | undefined {
  const query = new URLSearchParams(uri?.split('?')[1] ?? '');
  const [from, to] = [query.get('from'), query.get('to')];
  return from !== null && to !== null ? { from, to } : undefined;
}

async function playable(id: string, measures: { from: string; to: string } | undefined): Promise<void> {
  const renderPage = (number: number, timemap: boolean) =>
    host.callTool<RenderStructured>('render_score', { id, format: 'svg', inline: true, page: number, ...(measures ? { measures } : {}), ...(timemap ? { timemap } : {}) });
  const first = await renderPage(1, true);
  const rest = await Promise.all(Array.from({ length: (first.pageCount ?? 1) - 1 }, (_, index) => renderPage(index + 2, false)));
  const info = await host.callTool<{ parts?: { name?: string; id?: string }[] }>('get_score_info', { id });
  if (!first.timemap) throw new Error('the server sent no timemap.');
  page.replaceChildren(...[first, ...rest].map((rendered) => inlineSvg(rendered.svg ?? '')));
  applyZoom();
  mountPlayer({
    container: $('player'),
    notation: page,
    timemap: first.timemap,
    partNames: (info.parts ?? []).map((part, index) => part.name ?? part.id ?? `Part ${index + 1}`),
    fetchAudio: async (asked) => {
      const result = await host.callToolResult('render_audio', { id, format: 'ogg', inline: true, quarterBpm: asked.quarterBpm, ...(asked.parts ? { parts: asked.parts } : {}), ...(measures ? { measures } : {}) });
      const audio = result.content?.find((item) => item.type === 'audio');
      if (!audio?.data) throw new Error('the server sent no audio.');
      return Uint8Array.from(atob(audio.data), (char) => char.charCodeAt(0)).buffer;
    },
    onError: (message) => tell(`Playback stopped: ${message}`),
  });
  tell('');
}
