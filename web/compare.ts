/** The viewer's "Compare with" control: a version of the score shown, or another score, diffed and coloured (diff.ts). */
import { api } from './api.js';
import { changeLine, clearDiff, diffClasses, paintDiff } from './diff.js';

export interface CompareOptions {
  readonly notation: HTMLElement;
  readonly say: (message: string, error?: boolean) => void;
  /** the score shown and its measure range, if any */
  readonly shown: () => { id: string; range?: string } | undefined;
}

export interface CompareView {
  /** fills the choice of what to compare with: the score's older versions, then the other scores */
  offer(id: string): Promise<void>;
  /** hides the diff and takes its colours off the notation */
  clear(): void;
  /** diffs the score shown against `against` and colours both engravings */
  show(against: string): Promise<void>;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** a page shows at most this many changes as text; the colours show them all */
const LISTED = 200;

export function compareView(options: CompareOptions): CompareView {
  const section = $<HTMLElement>('diff');
  const before = $<HTMLDivElement>('diff-before');
  const select = $<HTMLSelectElement>('compare-with');

  const clear = () => {
    clearDiff(options.notation);
    before.replaceChildren();
    section.hidden = true;
    delete section.dataset['state'];
  };

  const offer = async (id: string) => {
    // the score shown may itself be a version (id@N): offer the others, the current one as the plain id
    const [base, shownVersion] = id.split('@') as [string, string | undefined];
    const [{ current, versions }, scores] = await Promise.all([api.versions(base), api.list()]);
    const versionOf = (version: number) => (version === current ? base : `${base}@${version}`);
    const choices = [
      ...versions
        .filter((entry) => entry.version !== (shownVersion === undefined ? current : Number(shownVersion)))
        .reverse()
        .map((entry) => ({ value: versionOf(entry.version), label: `version ${entry.version}${entry.version === current ? ' (current)' : ''}: ${entry.change}` })),
      ...scores.filter((score) => score.id !== base).map((score) => ({ value: score.id, label: score.title ?? score.id })),
    ];
    select.replaceChildren(...choices.map(({ value, label }) => Object.assign(document.createElement('option'), { value, textContent: label })));
    $<HTMLButtonElement>('compare').disabled = choices.length === 0;
  };

  const show = async (against: string) => {
    const shown = options.shown();
    if (!shown) return;
    clear();
    options.say('Comparing…');
    const diff = await api.diff(shown.id, against);
    const pages = await api.renderAll(against, shown.range);
    if (options.shown()?.id !== shown.id) return;
    before.innerHTML = pages.map((page) => page.svg).join('');
    const classes = diffClasses(diff.changes);
    const painted = paintDiff(options.notation, classes.after).length + paintDiff(before, classes.before).length;
    $('diff-before-title').textContent = `Compared with ${select.selectedOptions[0]?.textContent ?? against}`;
    const counts = diff.counts;
    $('diff-summary').textContent = diff.identical
      ? 'No difference in notes or marks.'
      : `${counts['noteChanged']} notes changed, ${counts['noteAdded']} added, ${counts['noteRemoved']} removed; ${counts['measureAdded']} measures added, ${counts['measureRemoved']} removed` +
        `${diff.truncated ? ` (the first ${diff.changes.length} of ${diff.total} changes)` : ''}.`;
    const lines = diff.changes.slice(0, LISTED).map((change) => Object.assign(document.createElement('li'), { textContent: changeLine(change), className: `change ${change.kind.replace(' ', '-')}` }));
    $('diff-changes').replaceChildren(...lines);
    section.hidden = false;
    section.dataset['state'] = 'ready';
    options.say(`${diff.total} changes; ${painted} coloured on the notation.`);
  };

  $<HTMLFormElement>('compare-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value) void show(select.value).catch((error: unknown) => options.say(error instanceof Error ? error.message : String(error), true));
  });
  $<HTMLButtonElement>('diff-close').addEventListener('click', clear);
  return { offer, clear, show };
}
