import { z } from 'zod';
import { diffScores as diff, type ScoreChange } from '../../analysis/diff/score-diff.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { cursorInput, nextCursorOutput, pageOf } from '../paging.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

/** one side of a diff: a stored score (a version of it can be named here once scores keep versions) */
const sideInput = z.object({ id: scoreIdInput });

const changeOutput = z.object({
  kind: z.enum(['note changed', 'note added', 'note removed', 'measure added', 'measure removed', 'measure marks', 'part added', 'part removed']),
  part: z.string().describe('The part\'s name (else its id).'),
  partId: z.string(),
  measure: z.string().optional().describe('The measure as printed in `after` (in `before` for a removed measure).'),
  beforeMeasure: z.string().optional().describe('The measure\'s number in `before` when it differs (measures were inserted or removed earlier).'),
  beat: z.number().optional().describe('1-based beat in the meter.'),
  voice: z.string().optional(),
  aspects: z.array(z.enum(['pitch', 'rhythm', 'marks'])).optional().describe('What changed in a changed note.'),
  marks: z.array(z.string()).optional().describe('The marks that differ: "fermata", "tie", "lyrics", or for a measure "keys", "times", "clefs", "tempos", "barlines", "harmonies", …'),
  before: z.string().optional().describe('The note before, as read_score writes notes: "C#5:q", "[C4 E4]:h", "r:e".'),
  after: z.string().optional(),
  beforeId: z.string().optional().describe('The note\'s id in `before`, when the score gives ids.'),
  afterId: z.string().optional(),
  notes: z.number().int().optional().describe('Notes in an added or removed measure or part.'),
});

export const diffScores = defineScoreTool({
  name: 'diff_scores',
  title: 'Musical diff of two scores',
  description:
    'What changed from one score to another (two versions of a piece, an exercise and its correction): parts paired by id or name, measures aligned by ' +
    'content so an inserted or deleted bar shows as one added or removed measure, then notes compared voice by voice and beat by beat. Reports changed ' +
    'pitches and rhythms, added and removed notes, measures and parts, and changed marks (ties, fermatas, lyrics; keys, meters, clefs, tempos, barlines, ' +
    'chord symbols), each with part, measure as printed, beat and voice. `before` and `after` name the scores: { "id": … }. Changes come in pages ' +
    '(`nextCursor`); `counts` covers them all.',
  input: z.object({
    before: sideInput.describe('The earlier score: { "id": "…" }.'),
    after: sideInput.describe('The later score: { "id": "…" }.'),
    maxChanges: z.number().int().min(1).max(5000).optional().describe('At most this many changes in the page; default: as many as fit about 10 KB.'),
    cursor: cursorInput,
  }),
  output: z.object({
    before: z.object({ id: z.string() }),
    after: z.object({ id: z.string() }),
    identical: z.boolean().describe('No difference in notes or marks (ids aside).'),
    counts: z.object({
      noteChanged: z.number().int(),
      noteAdded: z.number().int(),
      noteRemoved: z.number().int(),
      measureAdded: z.number().int(),
      measureRemoved: z.number().int(),
      measureMarks: z.number().int(),
      partAdded: z.number().int(),
      partRemoved: z.number().int(),
      pitch: z.number().int().describe('Changed notes whose pitch changed.'),
      rhythm: z.number().int(),
      marks: z.number().int(),
    }),
    changes: z.array(changeOutput),
    total: z.number().int().describe('Changes, all pages together.'),
    truncated: z.boolean(),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.before.id, input.after.id],
  compute(input, [before, after]) {
    const result = diff(before!.score, after!.score);
    const page = pageOf(result.changes, { cursor: input.cursor, limit: input.maxChanges });
    const { counts } = result;
    return {
      structured: {
        before: { id: input.before.id },
        after: { id: input.after.id },
        identical: result.identical,
        counts: {
          noteChanged: counts['note changed'],
          noteAdded: counts['note added'],
          noteRemoved: counts['note removed'],
          measureAdded: counts['measure added'],
          measureRemoved: counts['measure removed'],
          measureMarks: counts['measure marks'],
          partAdded: counts['part added'],
          partRemoved: counts['part removed'],
          pitch: counts.pitch,
          rhythm: counts.rhythm,
          marks: counts.marks,
        },
        changes: page.rows.map(({ aspects, marks, ...change }) => ({ ...change, ...(aspects ? { aspects: [...aspects] } : {}), ...(marks ? { marks: [...marks] } : {}) })),
        total: result.changes.length,
        truncated: page.nextCursor !== undefined,
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      summary: summarize(result.identical, result.changes, counts),
    };
  },
});

function summarize(identical: boolean, changes: readonly ScoreChange[], counts: ReturnType<typeof diff>['counts']): string {
  if (identical) return 'The two scores have the same notes and marks.';
  const tally = [
    counts.pitch ? count(counts.pitch, 'pitch', 'pitches') + ' changed' : '',
    counts.rhythm ? count(counts.rhythm, 'rhythm') + ' changed' : '',
    counts['note added'] ? count(counts['note added'], 'note') + ' added' : '',
    counts['note removed'] ? count(counts['note removed'], 'note') + ' removed' : '',
    counts.marks + counts['measure marks'] ? count(counts.marks + counts['measure marks'], 'mark change') : '',
    counts['measure added'] ? count(counts['measure added'], 'measure') + ' added' : '',
    counts['measure removed'] ? count(counts['measure removed'], 'measure') + ' removed' : '',
    counts['part added'] ? count(counts['part added'], 'part') + ' added' : '',
    counts['part removed'] ? count(counts['part removed'], 'part') + ' removed' : '',
  ].filter(Boolean);
  const first = changes.slice(0, 5).map(describe).join('; ');
  return `${count(changes.length, 'change')}: ${tally.join(', ')}. ${first}${changes.length > 5 ? '; …' : ''}.`;
}

/** describe(a pitch change) → "m5 Alto beat 2: B3:q → C4:q" */
function describe(change: ScoreChange): string {
  const where = `${change.measure ? `m${change.measure} ` : ''}${change.part}${change.beat !== undefined ? ` beat ${change.beat}` : ''}`;
  if (change.kind === 'note changed') return `${where}: ${change.before} → ${change.after}${change.marks ? ` (${change.marks.join(', ')})` : ''}`;
  if (change.kind === 'measure marks') return `${where}: ${change.marks!.join(', ')} changed`;
  return `${where}: ${change.kind}${change.before ? ` ${change.before}` : change.after ? ` ${change.after}` : ''}`;
}
