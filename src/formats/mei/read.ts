/**
 * MEI importer (4.x and 5.x, score-based): <music><body><mdiv><score> with its <scoreDef> and the
 * <section>s of <measure>s → Score. Each braced staff group is one part on several staves; every other
 * staff is a part. Measures are laid end to end per part, as the MusicXML reader lays them: a measure
 * advances time by what its layers fill, so a pickup (@metcon="false") stays short. Reuses the MusicXML
 * reader's hardened XML scanner: no DTDs, no entities beyond XML's own, bounded size and depth.
 */
import type { Diagnostic, ImportResult } from '../../core/diagnostics.js';
import { CadenzaError } from '../../core/errors.js';
import { ZERO, add, compare, max, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Barline, Clef, KeySignature, Measure, Part, TempoMark, Timed, TimeSignature } from '../../core/score.js';
import { decodeXmlText } from '../musicxml/decode.js';
import { barLength } from '../musicxml/part.js';
import { DEFAULT_XML_LIMITS, attribute, child, lineLocator, parseXml, type XmlElement, type XmlLimits } from '../musicxml/xml-scanner.js';
import { StaffAccidentals } from './accidentals.js';
import { measureBarlines, type EndingMark } from './barlines.js';
import { notMei, scoreElements } from './document.js';
import { readMeiMetadata } from './header.js';
import { ControlEvents } from './control-events.js';
import { addSlur, readControlMark, type ControlMark } from './marks.js';
import { MAX_DIAGNOSTICS, readLayer, type DraftEvent, type MeasureRestDraft } from './layer.js';
import { partsOf, settingsOf, staffDefsOf, type PartLayout, type StaffSettings } from './score-def.js';
import { readTempo, scoreDefTempo } from './tempo.js';
import { tupletSpansOf, type TupletSpan } from './tuplet-spans.js';

export const DEFAULT_MAX_MEI_CHARACTERS = 64 * 1024 * 1024;

export interface MeiOptions {
  readonly maxCharacters?: number;
  readonly xmlLimits?: XmlLimits;
}

/** Engraving and analysis detail the model does not keep. */
const SKIPPED: ReadonlySet<string> = new Set(['facsimile', 'pgHead', 'pgFoot', 'pgHead2', 'pgFoot2', 'back', 'front', 'extMeta', 'revisionDesc']);

/** readMei('<mei>…</mei>') → { score, diagnostics }; throws PARSE_FAILED for what is not score-based MEI */
export function readMei(input: Uint8Array | string, options: MeiOptions = {}): ImportResult {
  const limit = options.maxCharacters ?? DEFAULT_MAX_MEI_CHARACTERS;
  if (input.length > limit) {
    const unit = typeof input === 'string' ? 'characters' : 'bytes';
    throw new CadenzaError('LIMIT_EXCEEDED', `The MEI document is ${input.length} ${unit} long; the limit is ${limit}.`);
  }
  const text = typeof input === 'string' ? input : decodeXmlText(input);
  const root = parseXml(text, options.xmlLimits ?? DEFAULT_XML_LIMITS, SKIPPED);
  const [score, ...others] = scoreElements(root);
  const scoreDef = child(score, 'scoreDef');
  if (!scoreDef) throw notMei('The MEI <score> has no <scoreDef>, so its staves are unknown.');
  const layouts = partsOf(scoreDef).filter((layout) => layout.staves.length > 0);
  if (layouts.length === 0) throw notMei('The MEI <scoreDef> declares no <staffDef>.');
  const reader = new MeiReader(text, layouts, tupletSpansOf(score));
  if (others.length > 0) {
    reader.diagnostics.push({ severity: 'warning', message: `The MEI holds ${others.length + 1} movements (<mdiv>s with a <score>); only the first was read.` });
  }
  try {
    reader.define(scoreDef);
    reader.walk(score.children, undefined);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CadenzaError('PARSE_FAILED', `The durations in this MEI cannot be kept exactly (${error.message}).`, { cause: error });
  }
  return { score: { metadata: readMeiMetadata(root), parts: reader.finish() }, diagnostics: reader.diagnostics };
}

interface PartDraft {
  readonly layout: PartLayout;
  readonly id: string;
  readonly measures: Measure[];
  offset: Rational;
}

class MeiReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly parts: PartDraft[];
  private readonly staves = new Map<string, StaffSettings>();
  /** what changed since the last measure, per staff: written into the next measure */
  private pending = new Map<string, StaffSettings>();
  private readonly links = new ControlEvents();
  private readonly undeclared = new Set<string>();
  private index = 0;
  private pendingTempo: TempoMark | undefined;
  /** dynamics, hairpins and pedal marks by part and measure index, put into the measures at the end (a hairpin may stop in a later one) */
  private readonly placedMarks: { partIndex: number; index: number; kind: ControlMark['kind']; mark: Timed<unknown> }[] = [];
  private readonly slurElements: XmlElement[] = [];
  private readonly lineAt: (offset: number) => number;

  constructor(
    source: string,
    layouts: readonly PartLayout[],
    private readonly tupletSpans: ReadonlyMap<string, TupletSpan>,
  ) {
    this.parts = layouts.map((layout, index) => ({ layout, id: `P${index + 1}`, measures: [], offset: ZERO }));
    this.lineAt = lineLocator(source);
  }

  /** a scoreDef or staffDef: its settings apply to every staff it covers, now and in the next measure */
  define(element: XmlElement): void {
    const shared = element.name === 'scoreDef' ? settingsOf(element) : {};
    const tempo = element.name === 'scoreDef' ? scoreDefTempo(element) : undefined;
    if (tempo) this.pendingTempo = tempo;
    const everyStaff = this.parts.flatMap((part) => part.layout.staves);
    for (const n of everyStaff) this.apply(n, shared);
    for (const staffDef of element.name === 'staffDef' ? [element] : staffDefsOf(element)) {
      const n = attribute(staffDef, 'n');
      if (n !== undefined) this.apply(n, settingsOf(staffDef));
    }
  }

  private apply(n: string, settings: StaffSettings): void {
    if (Object.keys(settings).length === 0) return;
    this.staves.set(n, { ...this.staves.get(n), ...settings });
    this.pending.set(n, { ...this.pending.get(n), ...settings });
  }

  walk(items: readonly XmlElement[], ending: EndingMark | undefined): void {
    for (const item of items) {
      switch (item.name) {
        case 'scoreDef':
        case 'staffDef':
          this.define(item);
          break;
        case 'section':
          this.walk(item.children, ending);
          break;
        case 'ending': {
          const numbers = (attribute(item, 'n') ?? attribute(item, 'label') ?? '').split(/[^\d]+/).map(Number).filter((value) => Number.isInteger(value) && value > 0);
          const mark: EndingMark = { numbers: numbers.length > 0 ? numbers : [1], first: true };
          const before = this.index;
          this.walk(item.children, mark);
          if (this.index > before) this.closeEnding(mark);
          break;
        }
        case 'measure':
          this.measure(item, ending);
          break;
        case 'app':
        case 'choice': {
          const picked = child(item, 'lem') ?? child(item, 'corr') ?? child(item, 'reg') ?? item.children[0];
          if (picked) this.walk(picked.children, ending);
          break;
        }
      }
    }
  }

  private closeEnding(mark: EndingMark): void {
    for (const part of this.parts) {
      const last = part.measures[part.measures.length - 1];
      if (!last) continue;
      const barlines = [...(last.barlines ?? []), { location: 'right' as const, ending: { numbers: mark.numbers, type: 'stop' as const } }];
      part.measures[part.measures.length - 1] = { ...last, barlines };
    }
  }

  private measure(element: XmlElement, ending: EndingMark | undefined): void {
    const number = attribute(element, 'n') ?? String(this.index + 1);
    const staffElements = new Map<string, XmlElement>();
    const tempoElements: XmlElement[] = [];
    for (const item of element.children) {
      if (item.name === 'staff') staffElements.set(attribute(item, 'n') ?? String(staffElements.size + 1), item);
      else if (item.name === 'tie' || item.name === 'fermata') this.links.add(item, (message) => this.warn(message, item));
      else if (item.name === 'tempo') tempoElements.push(item);
      else if (item.name === 'dynam' || item.name === 'hairpin' || item.name === 'pedal') this.placeMark(item);
      else if (item.name === 'slur') this.slurElements.push(item);
    }
    for (const n of staffElements.keys()) {
      if (!this.parts.some((part) => part.layout.staves.includes(n)) && !this.undeclared.has(n)) {
        this.undeclared.add(n);
        this.warn(`<staff n="${n}"> is not declared in the <scoreDef>; its music was left out.`, staffElements.get(n));
      }
    }
    const metered = attribute(element, 'metcon') !== 'false';
    const drafts = this.parts.map((part) => this.readPart(part, staffElements, number));
    // a whole-measure rest fills the bar; in a measure that is not the meter's length, what the others fill
    const filled = drafts.reduce((end, draft) => draft.events.reduce((last, event) => (event.measureRest ? last : max(last, add(event.offset, event.duration))), end), ZERO);
    drafts.forEach((draft, partIndex) => {
      for (const { event, bars } of draft.measureRests) {
        const bar = this.barOf(this.parts[partIndex]!.layout.staves[Math.max(0, ((event.staff as number | undefined) ?? 1) - 1)]!);
        // after other events in its layer, it fills what is left of the measure
        const target = metered || filled.n === 0 ? mul(bar, rational(bars)) : filled;
        event.duration = compare(target, event.offset) > 0 ? sub(target, event.offset) : ZERO;
        if (event.offset.n > 0) delete event.measureRest;
      }
    });
    const barlines = measureBarlines(element, ending);
    const tempos = this.tempos(tempoElements);
    drafts.forEach((draft, partIndex) => this.finishMeasure(this.parts[partIndex]!, draft, number, metered, barlines, tempos[partIndex]!));
    this.pending = new Map();
    this.pendingTempo = undefined;
    this.index++;
  }

  private barOf(n: string): Rational {
    const time = this.staves.get(n)?.time;
    return (time && barLength(time)) ?? rational(4);
  }

  private readPart(part: PartDraft, staffElements: ReadonlyMap<string, XmlElement>, measure: string): PartReading {
    const reading: PartReading = { events: [], voices: new Map(), measureRests: [], clefs: [] };
    const several = part.layout.staves.length > 1;
    part.layout.staves.forEach((n, staffIndex) => {
      const staffElement = staffElements.get(n);
      if (!staffElement) return;
      const settings = this.staves.get(n) ?? {};
      const accidentals = new StaffAccidentals(settings.key?.fifths ?? 0);
      const layers = staffElement.children.filter((item) => item.name === 'layer');
      layers.forEach((layer, layerIndex) => {
        const layerNumber = Number(attribute(layer, 'n')) || layerIndex + 1;
        const voice = several ? String(staffIndex * 4 + layerNumber) : String(layerNumber);
        const result = readLayer(layer, {
          ppq: settings.ppq,
          accidentals,
          staff: several ? staffIndex + 1 : undefined,
          staffIndex: (crossing) => (several && part.layout.staves.includes(crossing) ? part.layout.staves.indexOf(crossing) + 1 : undefined),
          ids: this.links.ids,
          tupletSpans: this.tupletSpans,
          diagnostics: this.diagnostics,
          lineAt: this.lineAt,
          partId: part.id,
          measure,
        });
        const events = reading.voices.get(voice) ?? [];
        reading.voices.set(voice, [...events, ...result.events]);
        reading.events.push(...result.events);
        reading.measureRests.push(...result.measureRests);
        reading.clefs.push(...result.clefs.map((clef) => (several ? { ...clef, staff: staffIndex + 1 } : clef)));
      });
    });
    return reading;
  }

  /** each <tempo> goes to the part holding its @staff (the first part when it names none); a <scoreDef> @midi.bpm to the first */
  private tempos(elements: readonly XmlElement[]): Timed<TempoMark>[][] {
    const tempos = this.parts.map((): Timed<TempoMark>[] => []);
    if (this.pendingTempo) tempos[0]!.push({ offset: ZERO, value: this.pendingTempo });
    for (const element of elements) {
      const staff = attribute(element, 'staff')?.trim().split(/\s+/)[0];
      const partIndex = Math.max(0, this.parts.findIndex((part) => staff !== undefined && part.layout.staves.includes(staff)));
      const n = staff ?? this.parts[partIndex]!.layout.staves[0]!;
      const tempo = readTempo(element, this.staves.get(n)?.time?.beatType ?? 4);
      if (tempo) tempos[partIndex]!.push(tempo);
    }
    return tempos;
  }

  private finishMeasure(part: PartDraft, reading: PartReading, number: string, metered: boolean, barlines: readonly Barline[], tempos: readonly Timed<TempoMark>[]): void {
    const staves = part.layout.staves;
    const several = staves.length > 1;
    const changes = staves.map((n) => this.pending.get(n));
    const measure: Record<string, unknown> = { number, index: part.measures.length, offset: part.offset };
    if (!metered) measure.implicit = true;
    const keys = timedPerStaff(changes.map((change) => change?.key), several);
    const times = timedPerStaff(changes.map((change) => change?.time), several);
    const clefs: Timed<Clef>[] = changes.flatMap((change, index) => (change?.clef ? [several ? { offset: ZERO, staff: index + 1, value: change.clef } : { offset: ZERO, value: change.clef }] : []));
    clefs.push(...reading.clefs);
    if (keys.length > 0) measure.keys = keys;
    if (times.length > 0) measure.times = times;
    if (clefs.length > 0) measure.clefs = clefs;
    const transposition = changes.find((change) => change?.transposition)?.transposition;
    if (transposition) measure.transpositions = [{ offset: ZERO, value: transposition }];
    if (tempos.length > 0) measure.tempos = tempos;
    if (barlines.length > 0) measure.barlines = barlines;
    let voices = [...reading.voices.entries()]
      .map(([id, events]) => [id, events.filter((event) => event.duration.n > 0 || event.kind !== 'rest')] as const)
      .filter(([, events]) => events.length > 0)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([id, events]) => ({ id, events: byOffset(events) as unknown as Measure['voices'][number]['events'] }));
    let duration = reading.events.reduce((end, event) => max(end, add(event.offset, event.duration)), ZERO);
    if (voices.length === 0) {
      duration = this.barOf(staves[0]!);
      voices = [{ id: '1', events: [{ kind: 'rest', offset: ZERO, duration, measureRest: true }] }];
    }
    measure.duration = duration;
    measure.voices = voices;
    part.measures.push(measure as unknown as Measure);
    part.offset = add(part.offset, this.advance(duration, this.barOf(staves[0]!), part.id, number));
  }

  /**
   * What a measure adds to the time, as the MusicXML reader decides it: a measure overfull by an odd
   * sliver (a writer's rounding, e.g. of @dur.ppq) is placed by its meter; deliberate excess stands.
   */
  private advance(duration: Rational, bar: Rational, partId: string, number: string): Rational {
    if (compare(duration, bar) <= 0) return duration;
    const excess = sub(duration, bar);
    if (compare(excess, rational(1, 2)) > 0 || 16 % excess.d === 0 || 12 % excess.d === 0) return duration;
    if (this.diagnostics.length < MAX_DIAGNOSTICS) {
      this.diagnostics.push({ severity: 'warning', message: `Measure ${number} is overfull by ${excess.n}/${excess.d} quarter; its meter was used to place the next measure.`, partId, measure: number });
    }
    return bar;
  }

  /** a <dynam>, <hairpin> or <pedal> of the measure being read, for the part holding its @staff */
  private placeMark(element: XmlElement): void {
    const staff = attribute(element, 'staff')?.trim().split(/\s+/)[0];
    const partIndex = Math.max(0, this.parts.findIndex((part) => staff !== undefined && part.layout.staves.includes(staff)));
    const staves = this.parts[partIndex]!.layout.staves;
    const n = staff !== undefined && staves.includes(staff) ? staff : staves[0]!;
    const control = readControlMark(element, this.staves.get(n)?.time?.beatType ?? 4);
    if (!control) return;
    const onStaff = staves.length > 1 ? { staff: staves.indexOf(n) + 1 } : {};
    this.placedMarks.push({ partIndex, index: this.index, kind: control.kind, mark: { offset: control.offset, ...onStaff, value: control.value } });
    if (control.kind === 'hairpins' && control.stop) {
      this.placedMarks.push({ partIndex, index: this.index + control.stop.measuresAhead, kind: 'hairpins', mark: { offset: control.stop.offset, ...onStaff, value: { type: 'stop' } } });
    }
  }

  private finishMarks(): void {
    for (const { partIndex, index, kind, mark } of this.placedMarks) {
      const measures = this.parts[partIndex]!.measures;
      const measure = measures[index];
      if (measure) measures[index] = { ...measure, [kind]: [...((measure[kind] as Timed<unknown>[] | undefined) ?? []), mark] };
    }
    for (const element of this.slurElements) {
      const [start, end] = [attribute(element, 'startid'), attribute(element, 'endid')].map((id) => (id?.trim().startsWith('#') ? this.links.ids.get(id.trim().slice(1)) : undefined));
      if (start) addSlur(start.event, { type: 'start' });
      if (end) addSlur(end.event, { type: 'stop' });
    }
  }

  finish(): Part[] {
    this.links.resolve((message) => this.warn(message));
    this.finishMarks();
    return this.parts.map((part) => {
      const transposition = part.measures.find((measure) => measure.transpositions)?.transpositions?.[0]?.value;
      return {
        id: part.id,
        ...(part.layout.name ? { name: part.layout.name } : {}),
        ...(part.layout.abbreviation ? { abbreviation: part.layout.abbreviation } : {}),
        ...(transposition ? { transposition } : {}),
        staffCount: part.layout.staves.length,
        measures: part.measures,
      };
    });
  }

  private warn(message: string, element?: XmlElement): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.diagnostics.push({ severity: 'warning', message, ...(element ? { line: this.lineAt(element.start) } : {}) });
  }
}

interface PartReading {
  readonly events: DraftEvent[];
  readonly voices: Map<string, DraftEvent[]>;
  readonly measureRests: MeasureRestDraft[];
  readonly clefs: { offset: Rational; staff?: number; value: Clef }[];
}

/** one entry for the whole part when every staff agrees (or there is one), else one per staff */
function timedPerStaff<T extends KeySignature | TimeSignature>(values: readonly (T | undefined)[], several: boolean): Timed<T>[] {
  const present = values.filter((value): value is T => value !== undefined);
  if (present.length === 0) return [];
  const same = present.length === values.length && present.every((value) => JSON.stringify(value) === JSON.stringify(present[0]));
  if (!several || same) return [{ offset: ZERO, value: present[0]! }];
  return values.flatMap((value, index) => (value ? [{ offset: ZERO, staff: index + 1, value }] : []));
}

/** stable by onset: two layers with the same @n share a voice */
function byOffset(events: DraftEvent[]): DraftEvent[] {
  return events.map((event, order) => ({ event, order })).sort((a, b) => compare(a.event.offset, b.event.offset) || a.order - b.order).map(({ event }) => event);
}
