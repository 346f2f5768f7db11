/**
 * The diff view: diff_scores between the score shown (after) and another score or a version of it (before),
 * coloured on verovio's engravings by note id. verovio gives each note's group the id of its event (a chord's
 * first note; its other notes `-n2`, `-n3` …), so an id from the diff finds its noteheads, stems and
 * accidentals: changed notes are coloured on both engravings, added ones on the score shown, removed ones
 * on the other, which is drawn below it.
 */
export interface DiffChange {
  kind: string;
  part: string;
  measure?: string;
  beat?: number;
  voice?: string;
  aspects?: string[];
  marks?: string[];
  before?: string;
  after?: string;
  beforeId?: string;
  afterId?: string;
  notes?: number;
}
export interface ScoreDiff { identical: boolean; changes: DiffChange[]; total: number; truncated: boolean; counts: Record<string, number> }

export type DiffClass = 'diff-changed' | 'diff-added' | 'diff-removed';
export const DIFF_CLASSES: readonly DiffClass[] = ['diff-changed', 'diff-added', 'diff-removed'];

/** the class each note id takes on each engraving: diffClasses(changes).after.get("P1-m3-v1-e2") → "diff-changed" */
export function diffClasses(changes: readonly DiffChange[]): { before: Map<string, DiffClass>; after: Map<string, DiffClass> } {
  const before = new Map<string, DiffClass>();
  const after = new Map<string, DiffClass>();
  for (const change of changes) {
    if (change.kind === 'note changed') {
      if (change.beforeId) before.set(change.beforeId, 'diff-changed');
      if (change.afterId) after.set(change.afterId, 'diff-changed');
    } else if (change.kind === 'note added' && change.afterId) after.set(change.afterId, 'diff-added');
    else if (change.kind === 'note removed' && change.beforeId) before.set(change.beforeId, 'diff-removed');
  }
  return { before, after };
}

/** colours the notes named on one engraving; returns the ids found there (a note outside the pages shown is not) */
export function paintDiff(root: Element, classes: ReadonlyMap<string, DiffClass>): string[] {
  const found: string[] = [];
  for (const [id, name] of classes) {
    const quoted = CSS.escape(id);
    const elements = root.querySelectorAll<SVGGElement>(`g.note[id="${quoted}"], g.note[id^="${quoted}-n"], g.rest[id="${quoted}"]`);
    for (const element of elements) {
      element.classList.add(name);
      element.dataset['diff'] = id;
    }
    if (elements.length > 0) found.push(id);
  }
  return found;
}

/** takes every diff colour off an engraving */
export function clearDiff(root: Element): void {
  for (const element of root.querySelectorAll<SVGElement>('[data-diff]')) {
    element.classList.remove(...DIFF_CLASSES);
    delete element.dataset['diff'];
  }
}

/** one line per change, as a person reads it: "Violin I m. 12 beat 3: C#5:q → D5:q" */
export function changeLine(change: DiffChange): string {
  const where = [change.part, change.measure ? `m. ${change.measure}` : '', change.beat ? `beat ${change.beat}` : ''].filter(Boolean).join(' ');
  const what =
    change.kind === 'note changed' ? `${change.before ?? ''} → ${change.after ?? ''}${change.marks?.length ? ` (${change.marks.join(', ')})` : ''}`
    : change.kind === 'note added' ? `added ${change.after ?? ''}`
    : change.kind === 'note removed' ? `removed ${change.before ?? ''}`
    : `${change.kind}${change.notes ? ` (${change.notes} notes)` : ''}${change.marks?.length ? `: ${change.marks.join(', ')}` : ''}`;
  return `${where}: ${what}`;
}
