/**
 * An engraved page as live SVG (so the player can mark what plays), without anything in it that could
 * run: verovio writes none, but the view shows what a server sent, so scripts, foreign content, event
 * handlers and outside links are dropped before the page is shown.
 */
const REMOVED = 'script, foreignObject, iframe, object, embed';

/** inlineSvg("<svg …>…</svg>") → the <svg> element to insert */
export function inlineSvg(text: string): Element {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  if (parsed.nodeName !== 'svg') return document.createElement('div');
  for (const element of [...parsed.querySelectorAll(REMOVED)]) element.remove();
  for (const element of [parsed, ...parsed.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const link = name === 'href' || name === 'xlink:href';
      if (name.startsWith('on') || (link && !attribute.value.startsWith('#'))) element.removeAttribute(attribute.name);
    }
  }
  return document.importNode(parsed, true);
}
