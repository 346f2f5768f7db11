/**
 * An ABC file as a tune book: each tune starts at an X: (reference number) line (ABC 2.1 §2.2). Tools
 * list the tunes to let a person choose one, and read only the chosen tune.
 */

export interface AbcTune {
  /** the X: reference number as written ("1", "23") */
  readonly reference: string;
  /** the first T: title, when the tune has one */
  readonly title?: string;
  /** the tune's own text, from its X: line to the next tune */
  readonly text: string;
}

/** splitTuneBook("X:1\nT:A\n…\nX:2\nT:B\n…") → [{ reference: "1", title: "A", … }, { reference: "2", title: "B", … }] */
export function splitTuneBook(text: string): AbcTune[] {
  return text
    .split(/^(?=X:)/m)
    .filter((chunk) => /^X:/.test(chunk))
    .map((chunk) => {
      const reference = /^X:[ \t]*([^\r\n]*)/.exec(chunk)![1]!.trim();
      const title = /^T:[ \t]*([^\r\n]*)/m.exec(chunk)?.[1]?.trim();
      return title ? { reference, title, text: chunk } : { reference, text: chunk };
    });
}

/** tuneLabel({ reference: "3", title: "The Kesh" }) → 'X:3 "The Kesh"' */
export function tuneLabel(tune: Pick<AbcTune, 'reference' | 'title'>): string {
  return tune.title ? `X:${tune.reference} "${tune.title}"` : `X:${tune.reference}`;
}
