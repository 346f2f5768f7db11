/**
 * Notation rendering: the score written as MusicXML, engraved by verovio (WebAssembly) to SVG, and
 * rasterised to PNG by resvg. One verovio toolkit per thread, created on first use (≈0.5 s, ~140 MB),
 * since creating one per call would cost more than the rendering; verovio and resvg are loaded only
 * then, so threads that never render never pay for them (verovio's module alone is 26 MB).
 */
import type { VerovioToolkit } from 'verovio/esm';
import { CadenzaError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import { writeMusicXml } from '../formats/musicxml/write.js';
import { resolveMeasureRange, type MeasureRangeInput } from './measure-range.js';
import { timemapOf, type Timemap } from './timemap.js';

export const RENDER_FORMATS = ['svg', 'png'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export interface RenderOptions {
  readonly format: RenderFormat;
  /** 1-based page */
  readonly page: number;
  /** only these measures, by number as printed, inclusive */
  readonly measures?: MeasureRangeInput;
  /** PNG width in pixels */
  readonly width: number;
  /** also when each measure and note sounds (SVG only: the ids are the SVG's) */
  readonly timemap?: boolean;
}

export interface Rendered {
  readonly format: RenderFormat;
  readonly page: number;
  readonly pageCount: number;
  /** pixels for PNG, SVG user units for SVG */
  readonly width: number;
  readonly height: number;
  readonly svg?: string;
  readonly png?: Uint8Array;
  readonly timemap?: Timemap;
}

let toolkit: Promise<VerovioToolkit> | undefined;

// xmlIdChecksum: element ids from the input, so the same score is engraved with the same ids every time
// (a player's timemap and the page it follows can come from two calls)
const ENGRAVING_OPTIONS = { inputFrom: 'musicxml', pageWidth: 2100, pageHeight: 2970, scale: 40, adjustPageHeight: true, footer: 'none', xmlIdChecksum: true } as const;

function verovio(): Promise<VerovioToolkit> {
  toolkit ??= (async () => {
    const [{ default: createVerovioModule }, { VerovioToolkit }] = await Promise.all([import('verovio/wasm'), import('verovio/esm')]);
    return new VerovioToolkit(await createVerovioModule());
  })();
  return toolkit;
}

/** the family name of the Liberation Serif font verovio embeds */
const TEXT_FONT = 'Liberation Serif';

/**
 * engraveScore(score) → this thread's verovio toolkit with the score laid out, as render_score draws it
 * (the toolkit is shared: use it before the next call). `embedTextFont` makes its SVG carry the text font.
 */
export async function engraveScore(score: Score, embedTextFont = false): Promise<VerovioToolkit> {
  const engraver = await verovio();
  // set on every call: verovio keeps options between documents
  engraver.setOptions({ ...ENGRAVING_OPTIONS, fontTextLiberation: embedTextFont });
  if (!engraver.loadData(writeMusicXml(score)) || engraver.getPageCount() === 0) {
    throw new CadenzaError('PARSE_FAILED', 'The engraver could not lay this score out.', { hint: 'Check the score with get_score_info; an empty score has nothing to render.' });
  }
  return engraver;
}

/** renderScore(score, { format: "svg", page: 1, width: 1200 }) → the engraved page */
export async function renderScore(score: Score, options: RenderOptions): Promise<Rendered> {
  // checked before engraving: a range the score lacks is an error, not a whole-score page
  const range = options.measures ? resolveMeasureRange(score, options.measures) : undefined;
  // a PNG is drawn from an SVG that embeds its text font (Liberation): resvg then draws titles and words without system fonts
  const engraver = await engraveScore(score, options.format === 'png');
  // of the whole score, before a selection limits the layout
  const timemap = options.timemap && options.format === 'svg' ? timemapOf(engraver, range) : undefined;
  if (range) {
    // verovio counts measures by position from 1
    engraver.select({ measureRange: `${range.start + 1}-${range.end + 1}` });
    engraver.redoLayout();
  }
  const pageCount = engraver.getPageCount();
  if (options.page > pageCount) {
    throw new CadenzaError('INVALID_ARGUMENT', `Page ${options.page} does not exist: the score has ${pageCount} page${pageCount === 1 ? '' : 's'}.`);
  }
  const svg = engraver.renderToSVG(options.page);
  if (options.format === 'svg') {
    const [, width = '0', height = '0'] = /<svg[^>]*?width="(\d+)px"[^>]*?height="(\d+)px"/.exec(svg) ?? [];
    return { format: 'svg', page: options.page, pageCount, width: Number(width), height: Number(height), svg, ...(timemap ? { timemap } : {}) };
  }
  const [{ Resvg }, { embeddedFontFiles }] = await Promise.all([import('@resvg/resvg-js'), import('./engraving-fonts.js')]);
  const font = { loadSystemFonts: false, fontFiles: embeddedFontFiles(svg), defaultFontFamily: TEXT_FONT, serifFamily: TEXT_FONT };
  // <title> tooltips inside <text> (verovio labels the title so) throw resvg's text anchoring off
  const image = new Resvg(svg.replace(/<title\b[^>]*>[^<]*<\/title>/g, ''), { fitTo: { mode: 'width', value: options.width }, background: 'white', font }).render();
  return { format: 'png', page: options.page, pageCount, width: image.width, height: image.height, png: new Uint8Array(image.asPng()) };
}
