import { z } from 'zod';
import { checkVoiceLeading, type VoiceLeadingIssue } from '../../analysis/voice-leading.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

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
    'between upper voices, notes outside SATB ranges (four-voice scores), leading tones that do not rise ' +
    'to the tonic and sevenths that do not fall by step, tritone and wider-than-octave leaps. Each finding ' +
    'has its measure, beat, voices and a short explanation. Voices are the parts (and voices within a part), top first.',
  input: z.object({
    id: scoreIdInput,
    issues: z.array(z.enum(ISSUES)).optional().describe('Only these kinds of findings; default all.'),
    maxFindings: z.number().int().min(1).max(5000).optional().describe('At most this many findings; default 200.'),
  }),
  output: z.object({
    id: z.string(),
    counts: z.record(z.string(), z.number().int()).describe('Findings per kind, over the whole score.'),
    findings: z.array(
      z.object({
        issue: z.enum(ISSUES),
        offsetQuarters: z.number(),
        measure: z.string(),
        beat: z.number(),
        voices: z.array(z.string()),
        explanation: z.string(),
      }),
    ),
    truncated: z.boolean(),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const wanted = input.issues ? new Set<string>(input.issues) : undefined;
    const all = checkVoiceLeading(score).filter((finding) => !wanted || wanted.has(finding.issue));
    const counts: Record<string, number> = {};
    for (const finding of all) counts[finding.issue] = (counts[finding.issue] ?? 0) + 1;
    const limit = input.maxFindings ?? 200;
    const findings = all.slice(0, limit).map((finding) => ({ ...finding, voices: [...finding.voices] }));
    const listed = Object.entries(counts).map(([issue, count]) => `${count} ${issue}`).join(', ');
    return {
      structured: { id: input.id, counts, findings, truncated: all.length > limit },
      summary: all.length === 0 ? 'No voice-leading problems found.' : `${all.length} findings: ${listed}.`,
    };
  },
});
