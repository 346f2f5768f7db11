/**
 * The fonts verovio embeds as WOFF2, decoded to TrueType for resvg: with them alone (no system fonts)
 * resvg draws a title in Liberation and a tempo mark's note in Leipzig; without them it draws no text.
 */
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedFontFiles } from '../../src/mcp/engraving-fonts.js';
import { engraveScore } from '../../src/mcp/render.js';
import { buildScore } from '../../src/core/build-score.js';
import { pitch } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Score } from '../../src/core/score.js';

let svg: string;

/** a one-bar tune with a title and a metronome mark (♩ = 96) */
function tune(): Score {
  const score = buildScore({
    title: 'Title Of The Tune',
    key: { fifths: 0 },
    time: { beats: '4', beatType: 4 },
    parts: [{ name: 'Melody', notes: [{ pitches: [pitch('C', 0, 5)], start: rational(0), duration: rational(4) }] }],
  });
  const [part] = score.parts;
  const [first] = part!.measures;
  const tempos = [{ offset: rational(0), value: { beatUnit: 'quarter', perMinute: 96, quarterBpm: 96 } }];
  return { ...score, parts: [{ ...part!, measures: [{ ...first!, tempos }] }] };
}

/** dark pixels in rows [top, bottom) of a PNG */
function ink(png: Uint8Array, top: number, bottom: number): number {
  const image = PNG.sync.read(Buffer.from(png));
  let dark = 0;
  for (let y = top; y < Math.min(bottom, image.height); y++) {
    for (let x = 0; x < image.width; x++) if (image.data[(y * image.width + x) * 4]! < 128) dark++;
  }
  return dark;
}

function draw(fontFiles: string[]): Uint8Array {
  const font = { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' };
  return new Uint8Array(new Resvg(svg.replace(/<title\b[^>]*>[^<]*<\/title>/g, ''), { fitTo: { mode: 'width', value: 1000 }, background: 'white', font }).render().asPng());
}

beforeAll(async () => {
  svg = (await engraveScore(tune(), true)).renderToSVG(1);
}, 60_000);

describe('the fonts of an engraving', () => {
  it('decodes each font the SVG embeds to a TrueType file naming its family', () => {
    const files = embeddedFontFiles(svg);
    const families = files.map((file) => readFileSync(file, 'latin1').replace(/\0/g, ''));
    expect(families.some((text) => text.includes('Leipzig'))).toBe(true);
    expect(families.some((text) => text.includes('Liberation Serif'))).toBe(true);
    expect(files.map((file) => readFileSync(file).readUInt32BE(0))).toEqual(files.map(() => 0x00010000));
  });

  it('lets resvg draw the title and the tempo mark with no system fonts, which it cannot without them', () => {
    // the title and the tempo mark sit above the staff: the top fifth of this one-system page
    const height = PNG.sync.read(Buffer.from(draw([]))).height;
    expect(ink(draw([]), 0, height / 5)).toBe(0);
    expect(ink(draw(embeddedFontFiles(svg)), 0, height / 5)).toBeGreaterThan(500);
  });

  it('draws the tempo mark’s note only with the Leipzig font', () => {
    const files = embeddedFontFiles(svg);
    const textOnly = files.filter((file) => !readFileSync(file, 'latin1').replace(/\0/g, '').includes('Leipzig'));
    const height = PNG.sync.read(Buffer.from(draw(files))).height;
    expect(textOnly).toHaveLength(files.length - 1);
    expect(ink(draw(files), 0, height)).toBeGreaterThan(ink(draw(textOnly), 0, height) + 50);
  });
});
