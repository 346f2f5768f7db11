/** The viewer page: score list, import (file input and drag and drop), notation with analysis, playback, export; corpus charts. */
import { ApiError, api, setToken, type Analysis, type PlaybackNotes, type ScoreListing } from './api.js';
import { compareView } from './compare.js';
import { drawAnalysis, measureAt, shortKey } from './overlay.js';
import { watchScore } from './live.js';
import { hideCorpus, listenToCorpusFilter, refreshCorpora, type CorpusViewHooks } from './corpus-view.js';
import { mountPlayer, type MountedPlayer } from './player-controls.js';
import type { Timemap } from './player.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLOutputElement>('status');
const notation = $<HTMLDivElement>('notation');
let current: string | undefined;
let findingRects = new Map<number, SVGRectElement>();
let player: MountedPlayer | undefined;
/** the score whose changes are heard, and how to stop hearing them */
let watched: { id: string; stop: () => void } | undefined;

function say(message: string, error = false): void {
  status.textContent = message;
  status.classList.toggle('error', error);
}

const compare = compareView({
  notation,
  say,
  shown: () => {
    const range = $<HTMLInputElement>('measures').value.trim();
    return current ? { id: current, ...(isRange(range) ? { range } : {}) } : undefined;
  },
});

/** runs an action, showing failures; a 401 asks for a token */
async function attempt(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      $<HTMLFormElement>('token-form').hidden = false;
      say('This server needs a token.', true);
    } else say(error instanceof Error ? error.message : String(error), true);
  }
}

async function refreshList(): Promise<void> {
  const scores = await api.list();
  const list = $<HTMLUListElement>('scores');
  list.replaceChildren(...scores.map(listItem));
}

function listItem(score: ScoreListing): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset['id'] = score.id;
  button.setAttribute('aria-current', String(score.id === current));
  button.textContent = score.title ?? score.id;
  const detail = document.createElement('small');
  detail.textContent = [score.composer, score.format].filter(Boolean).join(' · ');
  button.append(detail);
  button.addEventListener('click', () => void attempt(() => open(score.id, score.title ?? score.id, undefined)));
  item.append(button);
  return item;
}

async function importFile(file: File): Promise<void> {
  say(`Importing ${file.name}…`);
  const imported = await api.importFile(file);
  await refreshList();
  await open(imported.id, imported.title ?? file.name, undefined);
}

/** the URL names what is shown, so a view of bars 12–19 can be bookmarked and shared */
function showInAddress(id: string, range: string | undefined): void {
  const search = new URLSearchParams({ score: id, ...(range ? { measures: range } : {}) });
  history.replaceState(null, '', `?${search.toString()}`);
}

async function open(id: string, title: string, range: string | undefined): Promise<void> {
  stopPlayback();
  hideCorpus();
  current = id;
  watchChanges(id);
  showInAddress(id, range);
  $<HTMLInputElement>('measures').value = range ?? '';
  for (const button of document.querySelectorAll<HTMLButtonElement>('#scores button')) button.setAttribute('aria-current', String(button.dataset['id'] === id));
  $('empty').hidden = true;
  $('toolbar').hidden = false;
  $('score-title').textContent = title;
  // nothing of the previous score stays on screen while this one loads
  compare.clear();
  notation.replaceChildren();
  delete notation.dataset['score'];
  for (const list of ['key-summary', 'cadences', 'findings']) $(list).replaceChildren();
  say('Rendering…');
  const first = await api.render(id, 1, range, true);
  const rest = await Promise.all(Array.from({ length: first.pageCount - 1 }, (_, index) => api.render(id, index + 2, range)));
  if (current !== id) return;
  notation.innerHTML = [first, ...rest].map((page) => page.svg).join('');
  say('Analysing…');
  const [analysis, wholeNotes] = await Promise.all([api.analysis(id), api.notes(id)]);
  if (current !== id) return;
  const notes = range ? notesWithin(wholeNotes, range) : wholeNotes;
  if (first.timemap) player = playerFor(id, range, first.timemap, notes.partNames);
  const shown = range ? analysisWithin(analysis, notes) : analysis;
  findingRects = drawAnalysis(notation, shown, notes.measures, notes.notes);
  showLists(shown, notes);
  notation.dataset['score'] = id;
  await compare.offer(id);
  say(`${analysis.harmony.chords.length} harmonies, ${analysis.voiceLeading.findings.length} voice-leading findings.`);
}

/** hears changes to the shown score, made by anyone (an agent's edit, another tab's deletion), and shows them */
function watchChanges(id: string): void {
  if (watched?.id === id) return;
  watched?.stop();
  watched = { id, stop: watchScore(id, () => void attempt(() => showChanged(id))) };
}

async function showChanged(id: string): Promise<void> {
  if (current !== id) return;
  const range = $<HTMLInputElement>('measures').value.trim();
  try {
    await open(id, $('score-title').textContent ?? id, isRange(range) ? range : undefined);
    say(`This score was changed elsewhere: ${status.textContent ?? ''}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'SCORE_NOT_FOUND')) throw error;
    watched?.stop();
    watched = undefined;
    current = undefined;
    $('toolbar').hidden = true;
    say('This score was deleted elsewhere.', true);
  }
  await refreshList();
}

/** the measures "from-to" (printed numbers) of the notes, and the notes sounding in them */
function notesWithin(notes: PlaybackNotes, range: string): PlaybackNotes {
  const [from, to] = range.split('-');
  const start = notes.measures.findIndex((measure) => measure.number === from);
  const end = notes.measures.findIndex((measure, index) => index >= start && measure.number === to);
  if (start < 0 || end < 0) return notes;
  const measures = notes.measures.slice(start, end + 1);
  const [begin, finish] = [measures[0]!.offsetQuarters, measures.at(-1)!.offsetQuarters + measures.at(-1)!.durationQuarters];
  const kept: number[] = [];
  for (let i = 0; i < notes.notes.length; i += 4) {
    if (notes.notes[i]! >= begin - 1e-6 && notes.notes[i]! < finish - 1e-6) kept.push(...notes.notes.slice(i, i + 4));
  }
  return { ...notes, measures, notes: kept };
}

/** the chords, cadences and findings inside the measures shown */
function analysisWithin(analysis: Analysis, notes: PlaybackNotes): Analysis {
  const begin = notes.measures[0]?.offsetQuarters ?? 0;
  const last = notes.measures.at(-1);
  const finish = last ? last.offsetQuarters + last.durationQuarters : Infinity;
  const inside = (quarters: number) => quarters >= begin - 1e-6 && quarters < finish - 1e-6;
  const numbers = new Set(notes.measures.map((measure) => measure.number));
  return {
    ...analysis,
    harmony: { ...analysis.harmony, chords: analysis.harmony.chords.filter((chord) => inside(chord.offsetQuarters)), cadences: analysis.harmony.cadences.filter((cadence) => numbers.has(cadence.measure)) },
    voiceLeading: { ...analysis.voiceLeading, findings: analysis.voiceLeading.findings.filter((finding) => inside(finding.offsetQuarters)) },
  };
}

function showLists(analysis: Analysis, notes: PlaybackNotes): void {
  const regions = analysis.key.regions ?? [];
  $('key-summary').textContent = `Key: ${analysis.key.name} (r = ${analysis.key.correlation.toFixed(2)})` +
    (regions.length > 1 ? ` · regions: ${regions.map((region) => `${shortKey(region.key)} from m. ${region.fromMeasure}`).join(', ')}` : '');
  const cadences = analysis.harmony.cadences.map((cadence) => {
    const item = document.createElement('li');
    item.textContent = `m. ${cadence.measure}: ${cadence.type} in ${cadence.key} (${cadence.progression.join(' → ')})`;
    return item;
  });
  $('cadences').replaceChildren(...cadences);
  const findings = analysis.voiceLeading.findings.map((finding) => {
    const item = document.createElement('li');
    item.textContent = `m. ${finding.measure}, beat ${finding.beat}: ${finding.issue} (${finding.voices.join('–')})`;
    item.title = finding.explanation;
    item.addEventListener('click', () => flash(measureAt(notes.measures, finding.offsetQuarters)));
    return item;
  });
  $('findings').replaceChildren(...(findings.length ? findings : [Object.assign(document.createElement('li'), { textContent: 'No findings.' })]));
}

function flash(measureIndex: number): void {
  const rect = findingRects.get(measureIndex);
  if (!rect) return;
  rect.scrollIntoView({ block: 'center', behavior: 'smooth' });
  rect.classList.add('flash');
  setTimeout(() => rect.classList.remove('flash'), 1200);
}

function stopPlayback(): void {
  player?.close();
  player = undefined;
}

/** the player of the score (or the measures) shown, with the audio render_audio makes of it */
function playerFor(id: string, range: string | undefined, timemap: Timemap, partNames: readonly string[]): MountedPlayer {
  return mountPlayer({
    container: $('player'),
    notation,
    timemap,
    partNames,
    fetchAudio: (asked) => api.audio(id, range, asked),
    onError: (message) => say(message, true),
  });
}

async function download(format: 'musicxml' | 'midi'): Promise<void> {
  if (!current) return;
  const { name, blob } = await api.exportFile(current, format);
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

$<HTMLInputElement>('file-input').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (file) void attempt(() => importFile(file)).finally(() => (input.value = ''));
});
window.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
window.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
window.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void attempt(() => importFile(file));
});
$('export-musicxml').addEventListener('click', () => void attempt(() => download('musicxml')));
$('export-midi').addEventListener('click', () => void attempt(() => download('midi')));
$<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setToken($<HTMLInputElement>('token').value.trim());
  $<HTMLFormElement>('token-form').hidden = true;
  say('');
  void attempt(async () => {
    await refreshList();
    await refreshCorpora(corpusHooks);
  });
});

/** isRange("5-12") → true: printed measure numbers, from-to */
function isRange(text: string): boolean {
  return /^\d+-\d+$/.test(text);
}

$<HTMLFormElement>('range-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const range = $<HTMLInputElement>('measures').value.trim();
  if (current && (range === '' || isRange(range))) void attempt(() => open(current!, $('score-title').textContent ?? current!, range || undefined));
  else if (range !== '') say('Measures are a range of printed numbers, like 5-12.', true);
});

/** opens what the URL names: ?score=ID, and optionally &measures=12-19 */
async function openFromAddress(): Promise<void> {
  const search = new URLSearchParams(location.search);
  const id = search.get('score');
  if (!id) return;
  const range = search.get('measures') ?? undefined;
  const listed = (await api.list()).find((score) => score.id === id);
  await open(id, listed?.title ?? id, range && isRange(range) ? range : undefined);
}

/** a corpus shown takes the score's place: nothing of the score stays on screen or playing */
function leaveScore(): void {
  stopPlayback();
  watched?.stop();
  watched = undefined;
  current = undefined;
  $('toolbar').hidden = true;
  $('empty').hidden = true;
  notation.replaceChildren();
  delete notation.dataset['score'];
  for (const list of ['key-summary', 'cadences', 'findings']) $(list).replaceChildren();
  for (const button of document.querySelectorAll<HTMLButtonElement>('#scores button')) button.setAttribute('aria-current', 'false');
}

const corpusHooks: CorpusViewHooks = { attempt, say: (message) => say(message), leaveScore };
listenToCorpusFilter(corpusHooks);

void attempt(async () => {
  await refreshList();
  await refreshCorpora(corpusHooks);
  await openFromAddress();
});
