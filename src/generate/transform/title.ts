/** Titles for transformed scores, so a stored result says where it came from. */
import type { Metadata, Score } from '../../core/score.js';

/** scoreTitle(bwv66.6) → its title, movement title or work title; "Untitled" when it has none */
export function scoreTitle(score: Score): string {
  const { title, movementTitle, workTitle } = score.metadata;
  return title ?? movementTitle ?? workTitle ?? 'Untitled';
}

/** retitled(score, "transposed up a major second") → metadata titled "<title> (transposed up a major second)" */
export function retitled(score: Score, what: string): Metadata {
  // a new score: its source format is "generated", whatever the original was read from
  return { ...score.metadata, title: `${scoreTitle(score)} (${what})`, sourceFormat: 'generated' };
}
