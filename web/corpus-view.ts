/** The viewer's corpus pane: the corpora the server offers, and a chosen one's statistics as the server's SVG chart. */
import { api, type CorpusListing } from './api.js';

export interface CorpusViewHooks {
  /** runs an action, showing its failure in the status line */
  readonly attempt: (action: () => Promise<void>) => Promise<void>;
  readonly say: (message: string) => void;
  /** called before a corpus is shown, so the score view can step aside */
  readonly leaveScore: () => void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export async function refreshCorpora(hooks: CorpusViewHooks): Promise<void> {
  const corpora = await api.corpora();
  $<HTMLUListElement>('corpora').replaceChildren(...corpora.map((corpus) => corpusItem(corpus, hooks)));
}

function corpusItem(corpus: CorpusListing, hooks: CorpusViewHooks): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset['corpus'] = corpus.name;
  button.textContent = corpus.name;
  const detail = document.createElement('small');
  // the bundled corpus's size is known only once it has been opened
  detail.textContent = corpus.bundled && corpus.pieces === 0 ? 'shipped with Cadenza' : `${corpus.pieces} pieces`;
  button.append(detail);
  button.addEventListener('click', () => void hooks.attempt(() => showCorpus(corpus.name, '', hooks)));
  item.append(button);
  return item;
}

/** shows the chart of a corpus (or of its pieces whose id contains the filter) in place of the notation */
async function showCorpus(name: string, filter: string, hooks: CorpusViewHooks): Promise<void> {
  hooks.leaveScore();
  const view = $('corpus-view');
  view.hidden = false;
  $('corpus-title').textContent = `Statistics of ${name}`;
  $<HTMLInputElement>('corpus-filter').value = filter;
  view.dataset['corpus'] = name;
  const chart = $('corpus-chart');
  chart.replaceChildren();
  delete chart.dataset['shown'];
  hooks.say('Counting…');
  const statistics = await api.corpusStatistics(name, filter || undefined);
  if (view.dataset['corpus'] !== name) return;
  // the server builds the chart from numbers alone and escapes every text in it
  chart.innerHTML = statistics.chart ?? '';
  chart.dataset['shown'] = `${name}|${filter}`;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#corpora button')) button.setAttribute('aria-current', String(button.dataset['corpus'] === name));
  hooks.say(`${statistics.pieces} pieces, ${statistics.notes} notes, ${statistics.harmonies} chords.`);
}

export function hideCorpus(): void {
  $('corpus-view').hidden = true;
  delete $('corpus-view').dataset['corpus'];
  for (const button of document.querySelectorAll<HTMLButtonElement>('#corpora button')) button.setAttribute('aria-current', 'false');
}

export function listenToCorpusFilter(hooks: CorpusViewHooks): void {
  $<HTMLFormElement>('corpus-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('corpus-view').dataset['corpus'];
    if (name) void hooks.attempt(() => showCorpus(name, $<HTMLInputElement>('corpus-filter').value.trim(), hooks));
  });
}
