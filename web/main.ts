/** The viewer page: score list, import (file input and drag and drop), notation with analysis, playback, export. */
import { ApiError, api, setToken, type Analysis, type PlaybackNotes, type ScoreListing } from './api.js';
import { drawAnalysis, measureAt, shortKey } from './overlay.js';
import { play, type Player } from './playback.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLOutputElement>('status');
const notation = $<HTMLDivElement>('notation');
let current: string | undefined;
let currentNotes: PlaybackNotes | undefined;
let findingRects = new Map<number, SVGRectElement>();
let player: Player | undefined;

function say(message: string, error = false): void {
  status.textContent = message;
  status.classList.toggle('error', error);
}

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
  button.addEventListener('click', () => void attempt(() => open(score.id, score.title ?? score.id)));
  item.append(button);
  return item;
}

async function importFile(file: File): Promise<void> {
  say(`Importing ${file.name}…`);
  const imported = await api.importFile(file);
  await refreshList();
  await open(imported.id, imported.title ?? file.name);
}

async function open(id: string, title: string): Promise<void> {
  stopPlayback();
  current = id;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#scores button')) button.setAttribute('aria-current', String(button.dataset['id'] === id));
  $('empty').hidden = true;
  $('toolbar').hidden = false;
  $('score-title').textContent = title;
  // nothing of the previous score stays on screen while this one loads
  notation.replaceChildren();
  delete notation.dataset['score'];
  for (const list of ['key-summary', 'cadences', 'findings']) $(list).replaceChildren();
  currentNotes = undefined;
  say('Rendering…');
  const first = await api.render(id, 1);
  const rest = await Promise.all(Array.from({ length: first.pageCount - 1 }, (_, index) => api.render(id, index + 2)));
  if (current !== id) return;
  notation.innerHTML = [first, ...rest].map((page) => page.svg).join('');
  say('Analysing…');
  const [analysis, notes] = await Promise.all([api.analysis(id), api.notes(id)]);
  if (current !== id) return;
  currentNotes = notes;
  $<HTMLInputElement>('tempo').value = String(notes.quarterBpm);
  findingRects = drawAnalysis(notation, analysis, notes.measures, notes.notes);
  showLists(analysis, notes);
  notation.dataset['score'] = id;
  say(`${analysis.harmony.chords.length} harmonies, ${analysis.voiceLeading.findings.length} voice-leading findings.`);
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
  player?.stop();
  player = undefined;
}

function highlight(index: number): void {
  notation.querySelectorAll('g.measure.playing').forEach((measure) => measure.classList.remove('playing'));
  if (index >= 0) notation.querySelectorAll('g.measure')[index]?.classList.add('playing');
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
$('play').addEventListener('click', () => {
  if (!currentNotes) return;
  stopPlayback();
  playing(true);
  const bpm = Number($<HTMLInputElement>('tempo').value) || currentNotes.quarterBpm;
  player = play(currentNotes, bpm, highlight, () => {
    highlight(-1);
    playing(false);
  });
});
$('stop').addEventListener('click', stopPlayback);

function playing(on: boolean): void {
  $<HTMLButtonElement>('play').disabled = on;
  $<HTMLButtonElement>('stop').disabled = !on;
}
$('export-musicxml').addEventListener('click', () => void attempt(() => download('musicxml')));
$('export-midi').addEventListener('click', () => void attempt(() => download('midi')));
$<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setToken($<HTMLInputElement>('token').value.trim());
  $<HTMLFormElement>('token-form').hidden = true;
  say('');
  void attempt(refreshList);
});

void attempt(refreshList);
