/**
 * A question a tool cannot go on without, put to the person behind the client. On 2026-07-28 a client that
 * declares elicitation is asked by Multi Round-Trip Request: the call is answered `input_required` with the
 * question, and the client calls again with the same arguments and the answer, so nothing is kept on the
 * server between the two rounds. Other clients (2025 era, or no elicitation) get no `ask` on their call,
 * and the tool decides without them, saying how it decided.
 */

export interface QuestionOption {
  /** what the answer carries back */
  readonly value: string;
  /** what the person reads */
  readonly label: string;
}

export interface Question {
  /** names the answer among the retried call's input responses */
  readonly key: string;
  readonly message: string;
  readonly options: readonly QuestionOption[];
}

/** The person's side of a call: the answer the retried call carries, if any. */
export interface PersonAsker {
  /** the value chosen, 'declined' when the person declined or cancelled, undefined when not asked yet */
  answerTo(key: string): string | 'declined' | undefined;
}

/** Thrown by a tool to ask its question; the MCP layer answers the call with it as `input_required`. */
export class QuestionForPerson extends Error {
  override readonly name = 'QuestionForPerson';

  constructor(readonly question: Question) {
    super(question.message);
  }
}
