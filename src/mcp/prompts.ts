/**
 * Prompts: ready-made requests a person picks in their client, which walk the model through Cadenza's
 * tools in a musician's order. Their arguments are strings (the MCP prompt convention).
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const scoreArgument = z.string().min(1).max(200).describe('A score id from import_score or list_scores, or a bundled corpus id such as "bach/bwv66.6".');

// Built once: HTTP builds a server per request, and a zod schema costs more to build than a prompt to register.
const SCORE_ONLY = z.object({ score: scoreArgument });
const SCORE_AND_MEASURES = z.object({ score: scoreArgument, measures: z.string().regex(/^\d{1,5}-\d{1,5}$/).describe('Measures by position, e.g. "5-8".') });
const SCORE_AND_STYLE = z.object({
  score: scoreArgument,
  style: z.enum(['chorale', 'pop', 'jazz']).optional().describe('chorale (four-part, default), pop or jazz.'),
});

function userMessage(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

/** "bach/bwv66.6" names a corpus score (import it first); anything else is taken as a stored id */
function scoreStep(score: string): string {
  return score.includes('/')
    ? `Import the bundled score "${score}" with import_score (corpus: "${score}") and use the id it returns.`
    : `Use the imported score with id "${score}".`;
}

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'analyze_score',
    {
      title: 'Analyse a score',
      description: 'A full analysis as a theory teacher would write it: key and modulations, harmony and cadences, voice leading, melody and rhythm, motifs.',
      argsSchema: SCORE_ONLY,
    },
    ({ score }) =>
      userMessage(
        `${scoreStep(score)} Then analyse it as a music theorist would for a student:\n` +
          '1. get_score_info for its parts, length and signatures;\n' +
          '2. analyze_key with regions: true for the key and every modulation;\n' +
          '3. analyze_harmony for the roman numerals and cadences — point out secondary dominants, the Neapolitan, augmented sixths and mixture where they occur;\n' +
          '4. analyze_voice_leading, and say which findings are real faults and which are style (Bach allows more than a textbook);\n' +
          '5. analyze_melody on the top part and analyze_rhythm;\n' +
          '6. find_patterns for motifs and sequences.\n' +
          'Write the analysis with measure numbers, quoting the figures the tools give; say where you disagree with them and why.',
      ),
  );
  server.registerPrompt(
    'explain_passage',
    {
      title: 'Explain a passage',
      description: 'Show a few measures as notation and explain what happens in them harmonically and melodically.',
      argsSchema: SCORE_AND_MEASURES,
    },
    ({ score, measures }) =>
      userMessage(
        `${scoreStep(score)} Show measures ${measures} with render_score (format png, measures "${measures}"), ` +
          'then explain those measures: the chords (analyze_harmony), any cadence, the voice leading (analyze_voice_leading), and what the melody does. ' +
          'Keep it to what a listener would hear, with measure and beat for each point.',
      ),
  );
  server.registerPrompt(
    'check_part_writing',
    {
      title: 'Check part-writing',
      description: "Mark a four-part exercise like a harmony teacher: errors by measure, each with a fix.",
      argsSchema: SCORE_ONLY,
    },
    ({ score }) =>
      userMessage(
        `${scoreStep(score)} This is a student's four-part harmony exercise. Run analyze_voice_leading and analyze_harmony, then mark it: ` +
          'list every parallel or hidden fifth and octave, spacing and range problem, crossing and overlap, unresolved leading tone or seventh, ' +
          'by measure and beat, and for each suggest the smallest change that fixes it. End with what the student does well.',
      ),
  );
  server.registerPrompt(
    'harmonize_melody',
    {
      title: 'Harmonize a melody',
      description: 'Harmonize a melody in four parts (or as a pop or jazz lead sheet), show it, and check it as a harmony teacher would.',
      argsSchema: SCORE_AND_STYLE,
    },
    ({ score, style }) =>
      userMessage(
        `${scoreStep(score)} Harmonize its top voice with harmonize_melody (style "${style ?? 'chorale'}"; for a chorale, voice "Soprano"), ` +
          'then show the first page of the result with render_score (format png). Explain the harmonization: the key, the chords at each ' +
          'phrase end and the cadences, and one or two choices a musician would notice. Report what the voiceLeading field of the answer says ' +
          '(it is analyze_voice_leading run on the result), and compare with the original harmony if the score had one (analyze_harmony on both).',
      ),
  );
}
