import { z } from 'zod';
import { checkVoiceLeading, type VoiceLeadingIssue } from '../../analysis/voice-leading.js';
import { positionsOf } from '../../core/beats.js';
import { toNumber } from '../../core/rational.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { measureRangeInput, resolveMeasureRange } from '../measure-range.js';
import { cursorInput, nextCursorOutput, pageOf, pageSpan } from '../paging.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const ISSUES = [
  'parallel fifths',
  'parallel octaves',
  'fifths by contrary motion',
  'octaves by contrary motion',
  'hidden fifths',
  'hidden octaves',
  'voice crossing',
  'voice overlap',
  'spacing',
  'range',
  'unresolved leading tone',
  'unresolved seventh',
  'large leap',
] as const satisfies readonly VoiceLeadingIssue[];

export const analyzeVoiceLeading = defineScoreTool({
  name: 'analyze_voice_leading',
  title: 'Check voice leading',
  description:
    'Check part-writing as a harmony teacher would: parallel fifths and octaves (also by contrary motion), ' +
    'hidden fifths and octaves between the outer voices, voice crossing and overlap, more than an octave ' +
    'between upper voices, notes outside SATB ranges, leading tones that do not rise ' +
    'to the tonic and sevenths that do not fall by step, tritone and wider-than-octave leaps. The four-part ' +
    'vocal rules (crossing, overlap, spacing, SATB ranges) apply to four voices (`texture` "satb" forces them, "free" ' +
    'leaves them out); instruments are held to their own ranges, and a part doubling another (colla parte) makes no octaves. Each finding ' +
    'has its measure (as printed), beat, voices, the ids of its notes and a short explanation. Voices are the parts (and voices within a part), top first. ' +
    '`measures` { from, to } (printed numbers, inclusive) limits it to a passage. Findings come in pages that fit a model\'s context: ' +
    '`counts` and `total` cover them all, `nextCursor`, passed back as `cursor`, gives the next page.',
  input: z.object({
    id: scoreIdInput,
    issues: z.array(z.enum(ISSUES)).optional().describe('Only these kinds of findings; default all.'),
    texture: z.enum(['auto', 'satb', 'free']).optional().describe('Which rules apply: "satb" four-part vocal writing, "free" any texture; default "auto" (satb for four voices).'),
    measures: measureRangeInput.optional(),
    maxFindings: z.number().int().min(1).max(5000).optional().describe('At most this many findings in the page; default: as many as fit about 10 KB.'),
    cursor: cursorInput,
  }),
  output: z.object({
    id: z.string(),
    counts: z.record(z.string(), z.number().int()).describe('Findings per kind, over the whole score (or the passage asked).'),
    total: z.number().int().describe('Findings, all pages together.'),
    findings: z.array(
      z.object({
        issue: z.enum(ISSUES),
        offsetQuarters: z.number(),
        measure: z.string().describe('The measure number as printed (a pickup is 0).'),
        beat: z.number().describe('1-based beat in the meter, a pickup counted from where a full bar would begin.'),
        voices: z.array(z.string()),
        explanation: z.string(),
        noteIds: z.array(z.string()).describe('Ids of the notes the finding is about (as edit_score takes them).'),
      }),
    ),
    truncated: z.boolean().describe('True when more findings follow this page.'),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const wanted = input.issues ? new Set<string>(input.issues) : undefined;
    const range = input.measures ? resolveMeasureRange(score, input.measures) : undefined;
    const within = (at: number) => !range || (at >= toNumber(range.fromOffset) && at < toNumber(range.toOffset));
    const all = checkVoiceLeading(score, input.texture ?? 'auto').filter((finding) => (!wanted || wanted.has(finding.issue)) && within(finding.offsetQuarters));
    const counts: Record<string, number> = {};
    for (const finding of all) counts[finding.issue] = (counts[finding.issue] ?? 0) + 1;
    const positionOf = positionsOf(score);
    const rows = all.map((finding) => ({ ...finding, beat: positionOf(finding.offsetQuarters).beat, voices: [...finding.voices], noteIds: [...finding.noteIds] }));
    const page = pageOf(rows, { cursor: input.cursor, limit: input.maxFindings });
    const listed = Object.entries(counts).map(([issue, amount]) => `${amount} ${issue}`).join(', ');
    const where = page.rows.length < all.length ? `; this page: ${pageSpan(page.rows, page.start)}` : '';
    return {
      structured: { id: input.id, counts, total: all.length, findings: page.rows, truncated: page.nextCursor !== undefined, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: all.length === 0 ? 'No voice-leading problems found.' : `${count(all.length, 'finding')}: ${listed}${where}.`,
    };
  },
});
