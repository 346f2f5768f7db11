/**
 * The fonts a verovio SVG uses, as files resvg can load: verovio embeds them as WOFF2 in @font-face
 * rules (Leipzig for the music symbols inside text, such as a tempo mark's note; Liberation for titles,
 * names and words), resvg reads neither CSS fonts nor WOFF2, and a server may have no system fonts at
 * all. Each distinct font is decoded once per process into a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { woff2ToTtf } from './woff2.js';

const FONT_FACE = /@font-face\s*\{[^}]*?url\(data:application\/font-woff2;[^,]*base64,([A-Za-z0-9+/=\s]+)\)/g;

let folder: string | undefined;
const decoded = new Map<string, string>();

/** embeddedFontFiles(svg) → paths of .ttf files, one per WOFF2 font the SVG embeds */
export function embeddedFontFiles(svg: string): string[] {
  const paths: string[] = [];
  for (const [, base64] of svg.matchAll(FONT_FACE)) {
    const key = createHash('sha256').update(base64!).digest('hex').slice(0, 16);
    let path = decoded.get(key);
    if (!path) {
      folder ??= mkdtempSync(join(tmpdir(), 'cadenza-fonts-'));
      path = join(folder, `${key}.ttf`);
      writeFileSync(path, woff2ToTtf(Buffer.from(base64!.replace(/\s/g, ''), 'base64')));
      decoded.set(key, path);
    }
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}
