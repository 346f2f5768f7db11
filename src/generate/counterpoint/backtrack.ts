/**
 * Bounded depth-first search with backtracking: extend a partial solution with the best-ranked candidate
 * that keeps it valid, back up when none does. The step bound keeps a hopeless request from running forever.
 */

export interface SearchProblem<Choice> {
  /** the next choices for this prefix, best first */
  candidates(prefix: readonly Choice[]): readonly Choice[];
  /** the prefix (ending with a new choice) breaks no rule that can already be judged */
  acceptable(prefix: readonly Choice[]): boolean;
  /** the prefix is a whole solution (it is then judged by `valid`) */
  complete(prefix: readonly Choice[]): boolean;
  valid(prefix: readonly Choice[]): boolean;
}

export interface SearchOutcome<Choice> {
  readonly solution?: readonly Choice[];
  /** how many candidates were tried */
  readonly steps: number;
}

/** depthFirst(problem, 5000) → the first valid solution in candidate order, or none within 5000 steps */
export function depthFirst<Choice>(problem: SearchProblem<Choice>, maxSteps: number): SearchOutcome<Choice> {
  const prefix: Choice[] = [];
  const pending: (readonly Choice[])[] = [problem.candidates(prefix)];
  const position: number[] = [0];
  let steps = 0;
  while (pending.length > 0) {
    const level = pending.length - 1;
    const options = pending[level]!;
    const index = position[level]!;
    if (index >= options.length) {
      // every choice at this depth failed: undo the choice that led here
      pending.pop();
      position.pop();
      prefix.pop();
      continue;
    }
    position[level] = index + 1;
    if (++steps > maxSteps) return { steps: maxSteps };
    prefix.push(options[index]!);
    if (!problem.acceptable(prefix)) {
      prefix.pop();
      continue;
    }
    if (problem.complete(prefix)) {
      if (problem.valid(prefix)) return { solution: [...prefix], steps };
      prefix.pop();
      continue;
    }
    pending.push(problem.candidates(prefix));
    position.push(0);
  }
  return { steps };
}
