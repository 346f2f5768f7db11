/**
 * Plays a score's audio as the server renders it (render_audio: the same General MIDI bank as
 * `cadenza render`) and follows the engraving with verovio's timemap: the measure playing and the notes
 * sounding get a class. Tempo and the parts heard are asked of the server again (each rendering kept);
 * play, pause and seek are the browser's. Positions are in seconds at the score's tempo ("score seconds"),
 * so they survive a change of tempo.
 */
export interface TimemapEntry { seconds: number; measure?: string; on?: string[]; off?: string[] }
export interface Timemap { quarterBpm: number; entries: TimemapEntry[] }

export interface AudioRequest { readonly quarterBpm: number; readonly parts?: readonly number[] }
/** fetches the encoded audio of the score (or its excerpt) at a tempo, of some parts (all when absent) */
export type AudioSource = (request: AudioRequest) => Promise<ArrayBuffer>;

export interface PlayerPosition { readonly playing: boolean; readonly seconds: number; readonly durationSeconds: number; readonly measureIndex: number }

interface NoteSpan { readonly id: string; readonly start: number; readonly end: number }

const TICK_MS = 50;
const RESUME_WAIT_MS = 2000;

/** One player per score view: new ScorePlayer(notation, timemap, partCount, source, onChange) */
export class ScorePlayer {
  readonly durationSeconds: number;
  private readonly measures: { id: string; seconds: number }[];
  private readonly notes: NoteSpan[];
  private readonly renderings = new Map<string, Promise<AudioBuffer>>();
  private readonly muted = new Set<number>();
  private readonly soloed = new Set<number>();
  private audio?: AudioContext;
  private source?: AudioBufferSourceNode;
  private timer?: number;
  /** the audio clock at which `offset` (score seconds) was heard */
  private startedAt = 0;
  private offset = 0;
  private tempo: number;
  private shownMeasure?: string;
  private shownNotes = new Set<string>();
  /** bumped by every start and stop, so a rendering that arrives late does not start an old request */
  private generation = 0;

  constructor(
    private readonly notation: HTMLElement,
    private readonly timemap: Timemap,
    private readonly partCount: number,
    private readonly fetchAudio: AudioSource,
    private readonly onChange: (position: PlayerPosition) => void,
  ) {
    this.tempo = timemap.quarterBpm;
    this.measures = timemap.entries.flatMap((entry) => (entry.measure ? [{ id: entry.measure, seconds: entry.seconds }] : []));
    this.notes = noteSpans(timemap.entries);
    this.durationSeconds = timemap.entries.at(-1)?.seconds ?? 0;
  }

  get playing(): boolean {
    return this.source !== undefined;
  }

  /** the score seconds heard now */
  position(): number {
    if (!this.source || !this.audio) return this.offset;
    return this.offset + (this.audio.currentTime - this.startedAt) * (this.tempo / this.timemap.quarterBpm);
  }

  /** plays from the current position (or from `seconds`); rejects when this browser or host cannot play sound */
  async play(seconds = this.position()): Promise<void> {
    this.audio ??= newAudioContext();
    await resumed(this.audio);
    const generation = ++this.generation;
    this.halt();
    this.offset = Math.min(Math.max(0, seconds), this.durationSeconds);
    this.report();
    const buffer = await this.rendering();
    if (generation !== this.generation) return;
    const source = this.audio.createBufferSource();
    source.buffer = buffer;
    source.connect(this.audio.destination);
    source.onended = () => {
      if (this.source === source) this.finish();
    };
    this.startedAt = this.audio.currentTime;
    source.start(0, this.offset * (this.timemap.quarterBpm / this.tempo));
    this.source = source;
    this.timer = window.setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  pause(): void {
    this.generation++;
    this.offset = this.position();
    this.halt();
    this.report();
  }

  /** stops and goes back to the start, clearing the highlight */
  stop(): void {
    this.pause();
    this.offset = 0;
    this.show(-1, new Set());
    this.report();
  }

  async seek(seconds: number): Promise<void> {
    if (this.playing) return this.play(seconds);
    this.offset = Math.min(Math.max(0, seconds), this.durationSeconds);
    this.tick();
  }

  /** plays from the beginning of the measure with this SVG id (its first pass) */
  async playFromMeasure(id: string): Promise<void> {
    const measure = this.measures.find((candidate) => candidate.id === id);
    if (measure) await this.play(measure.seconds);
  }

  async setTempo(quarterBpm: number): Promise<void> {
    const at = this.position();
    this.tempo = quarterBpm;
    if (this.playing) await this.play(at);
  }

  async setMuted(part: number, muted: boolean): Promise<void> {
    if (muted) this.muted.add(part);
    else this.muted.delete(part);
    await this.heardChanged();
  }

  async setSoloed(part: number, soloed: boolean): Promise<void> {
    if (soloed) this.soloed.add(part);
    else this.soloed.delete(part);
    await this.heardChanged();
  }

  /** the parts heard: the soloed ones if any, else all not muted */
  heardParts(): number[] {
    const all = Array.from({ length: this.partCount }, (_, index) => index);
    return this.soloed.size > 0 ? all.filter((part) => this.soloed.has(part)) : all.filter((part) => !this.muted.has(part));
  }

  close(): void {
    this.stop();
    void this.audio?.close();
  }

  private async heardChanged(): Promise<void> {
    if (this.playing) await this.play(this.position());
  }

  private rendering(): Promise<AudioBuffer> {
    const heard = this.heardParts();
    const parts = heard.length === this.partCount ? undefined : heard;
    const key = `${this.tempo}|${parts?.join(',') ?? 'all'}`;
    let found = this.renderings.get(key);
    if (!found) {
      const audio = this.audio!;
      // nothing heard is silence as long as the music, not a request for every part
      found = parts?.length === 0
        ? Promise.resolve(audio.createBuffer(1, Math.max(1, Math.ceil(this.durationSeconds * (this.timemap.quarterBpm / this.tempo) * audio.sampleRate)), audio.sampleRate))
        : this.fetchAudio({ quarterBpm: this.tempo, ...(parts ? { parts } : {}) }).then((bytes) => audio.decodeAudioData(bytes));
      found.catch(() => this.renderings.delete(key));
      this.renderings.set(key, found);
    }
    return found;
  }

  private halt(): void {
    window.clearInterval(this.timer);
    const source = this.source;
    this.source = undefined;
    if (source) {
      source.onended = null;
      source.stop();
      source.disconnect();
    }
  }

  private finish(): void {
    this.halt();
    this.offset = 0;
    this.show(-1, new Set());
    this.report();
  }

  private tick(): void {
    const now = this.position();
    // after the last bar the audio rings out (render_audio's 1.5 s) with nothing marked; it ends by itself
    const measure = now < this.durationSeconds ? lastAtOrBefore(this.measures, now) : -1;
    this.show(measure, new Set(this.notes.filter((note) => note.start <= now && now < note.end).map((note) => note.id)));
    this.report();
  }

  private show(measureIndex: number, sounding: Set<string>): void {
    const measure = this.measures[measureIndex]?.id;
    if (measure !== this.shownMeasure) {
      if (this.shownMeasure) unmark(this.element(this.shownMeasure));
      if (measure) mark(this.element(measure));
      this.shownMeasure = measure;
    }
    for (const id of this.shownNotes) if (!sounding.has(id)) this.element(id)?.classList.remove('sounding');
    for (const id of sounding) if (!this.shownNotes.has(id)) this.element(id)?.classList.add('sounding');
    this.shownNotes = sounding;
  }

  private element(id: string): Element | null {
    return this.notation.querySelector(`[id="${CSS.escape(id)}"]`);
  }

  private report(): void {
    const seconds = Math.min(this.position(), this.durationSeconds);
    this.onChange({ playing: this.playing, seconds, durationSeconds: this.durationSeconds, measureIndex: lastAtOrBefore(this.measures, seconds) });
  }
}

/** the measure playing: its class, and a tinted box behind it (a measure's own lines are too thin to show it) */
function mark(measure: Element | null): void {
  if (!(measure instanceof SVGGraphicsElement)) return;
  measure.classList.add('playing');
  const box = measure.getBBox();
  const tint = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  tint.setAttribute('class', 'play-mark');
  for (const [name, value] of Object.entries({ x: box.x, y: box.y, width: box.width, height: box.height })) tint.setAttribute(name, String(value));
  measure.prepend(tint);
}

function unmark(measure: Element | null): void {
  measure?.classList.remove('playing');
  measure?.querySelector(':scope > rect.play-mark')?.remove();
}

/** each note's sounding spans (a repeated passage sounds its notes again), from the on and off lists */
function noteSpans(entries: readonly TimemapEntry[]): NoteSpan[] {
  const started = new Map<string, number>();
  const spans: NoteSpan[] = [];
  for (const entry of entries) {
    for (const id of entry.off ?? []) {
      const start = started.get(id);
      if (start !== undefined) spans.push({ id, start, end: entry.seconds });
      started.delete(id);
    }
    for (const id of entry.on ?? []) started.set(id, entry.seconds);
  }
  return spans;
}

/** the index of the last item starting at or before `seconds`, or -1 */
function lastAtOrBefore(items: readonly { seconds: number }[], seconds: number): number {
  let found = -1;
  for (let index = 0; index < items.length && items[index]!.seconds <= seconds + 1e-6; index++) found = index;
  return found;
}

/** a context may wait for a click forever (autoplay rules, or a frame not allowed to play): give up after a moment */
async function resumed(audio: AudioContext): Promise<void> {
  await Promise.race([audio.resume(), new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS))]);
  if (audio.state !== 'running') throw new Error('This page may not play sound here (the browser or the host does not allow it).');
}

function newAudioContext(): AudioContext {
  if (typeof AudioContext === 'undefined') throw new Error('This browser cannot play sound (no Web Audio).');
  return new AudioContext();
}
