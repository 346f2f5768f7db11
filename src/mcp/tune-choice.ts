/**
 * Which tune of an ABC tune book import_score reads. Given `tune`, that one. Otherwise, with several
 * tunes, a person who can be asked (ask-person.ts) chooses; a client that cannot ask gets the first tune
 * and a warning naming every tune and how to import another. The first tune rather than a refusal: it is
 * what import_score has always done with a tune book and its description promises, so 2025 clients and
 * scripts keep working, and the warning (in the answer's diagnostics and summary) leaves no choice hidden.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { CadenzaError } from '../core/errors.js';
import { splitTuneBook, tuneLabel, type AbcTune } from '../formats/abc/tune-book.js';
import { QuestionForPerson } from './ask-person.js';
import type { ToolCall } from './define-tool.js';

export interface ChosenTune {
  /** the chosen tune's text alone, or the whole file when it holds one tune */
  readonly bytes: Uint8Array;
  /** a warning when the tune was chosen without the person */
  readonly diagnostic?: Diagnostic;
}

/** tunes named in a question or a warning; a longer book's others are counted */
const TUNES_NAMED = 100;
const QUESTION_KEY = 'tune';

export function chooseTune(bytes: Uint8Array, given: number | undefined, call: ToolCall): ChosenTune {
  const tunes = splitTuneBook(new TextDecoder().decode(bytes));
  if (given !== undefined) return { bytes: encoded(tuneAt(tunes, given)) };
  if (tunes.length <= 1) return { bytes };
  if (call.ask) return { bytes: encoded(tuneAt(tunes, askedIndex(tunes, call))) };
  return {
    bytes: encoded(tunes[0]!),
    diagnostic: {
      severity: 'warning',
      message: `This ABC tune book holds ${tunes.length} tunes; the first, ${tuneLabel(tunes[0]!)}, was imported. To import another, call import_score again with \`tune\`: ${named(tunes)}.`,
    },
  };
}

function askedIndex(tunes: readonly AbcTune[], call: ToolCall): number {
  const answer = call.ask!.answerTo(QUESTION_KEY);
  if (answer === 'declined') throw new CadenzaError('CANCELLED', 'No tune was chosen, so nothing was imported.', { hint: 'Import again and choose a tune, or pass `tune`.' });
  if (answer !== undefined) {
    const index = Number(answer);
    if (Number.isInteger(index)) return index;
    throw new CadenzaError('INVALID_ARGUMENT', `The tune chosen, ${JSON.stringify(answer.slice(0, 20))}, is not one of those offered.`);
  }
  throw new QuestionForPerson({
    key: QUESTION_KEY,
    message: `This ABC file is a tune book of ${tunes.length} tunes. Which one should be imported?`,
    options: tunes.slice(0, TUNES_NAMED).map((tune, index) => ({ value: String(index), label: `${index + 1}. ${tuneLabel(tune)}` })),
  });
}

function tuneAt(tunes: readonly AbcTune[], index: number): AbcTune {
  const tune = tunes[index];
  if (tune) return tune;
  throw new CadenzaError('INVALID_ARGUMENT', `The file has ${tunes.length} tune${tunes.length === 1 ? '' : 's'}; there is no tune ${index} (0 is the first): ${named(tunes)}.`);
}

/** named([a, b]) → '0 = X:1 "A", 1 = X:2 "B"' (the first TUNES_NAMED, then how many more) */
function named(tunes: readonly AbcTune[]): string {
  const shown = tunes.slice(0, TUNES_NAMED).map((tune, index) => `${index} = ${tuneLabel(tune)}`).join(', ');
  return tunes.length > TUNES_NAMED ? `${shown} and ${tunes.length - TUNES_NAMED} more` : shown;
}

function encoded(tune: AbcTune): Uint8Array {
  return new TextEncoder().encode(tune.text);
}
