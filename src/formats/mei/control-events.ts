/**
 * <tie> and <fermata> control events: they name notes by @startid/@endid, often notes of a later measure,
 * so they are collected while reading and applied once every note has been read.
 */
import type { TieType } from '../../core/score.js';
import { attribute, type XmlElement } from '../musicxml/xml-scanner.js';
import type { IdTarget } from './layer.js';

export class ControlEvents {
  /** every note, chord and rest with an xml:id, filled by the layer reader */
  readonly ids = new Map<string, IdTarget>();
  private readonly ties: [string, string | undefined][] = [];
  private readonly fermatas: string[] = [];

  /** add(<tie startid="#n1" endid="#n2"/>, warn): remembered until resolve() */
  add(element: XmlElement, warn: (message: string) => void): void {
    const start = reference(attribute(element, 'startid'));
    if (element.name === 'fermata') {
      if (start) this.fermatas.push(start);
      return;
    }
    const end = reference(attribute(element, 'endid'));
    if (start) this.ties.push([start, end]);
    else warn('A <tie> without @startid was ignored.');
    if (start && !end) warn('A <tie> has no @endid: its first note is marked tied, to no note in particular.');
  }

  /** marks the tied notes (start, stop, or continue when both) and the fermatas' events */
  resolve(warn: (message: string) => void): void {
    for (const [start, end] of this.ties) {
      const from = this.ids.get(start);
      const to = end === undefined ? undefined : this.ids.get(end);
      if (!from || (end !== undefined && !to)) {
        warn(`A <tie> refers to ${from ? `#${end}` : `#${start}`}, which is not a note.`);
        continue;
      }
      from.note.tie = joinTie(from.note.tie, 'start');
      if (to) to.note.tie = joinTie(to.note.tie, 'stop');
    }
    for (const id of this.fermatas) {
      const target = this.ids.get(id);
      if (target) target.event.fermata = true;
    }
  }
}

function joinTie(existing: TieType | undefined, added: 'start' | 'stop'): TieType {
  if (existing === undefined || existing === added) return added;
  return 'continue';
}

/** "#n123" → "n123"; a reference to another file is not followed */
function reference(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed?.startsWith('#') ? trimmed.slice(1) : undefined;
}
