import { z } from 'zod';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { loadScore } from '../score-ids.js';
import { scoreIdInput } from '../schemas.js';
import { count, keySignatureName, partsAndStaves } from '../wording.js';

const ambitusOutput = z.object({
  lowest: z.string().describe('e.g. "C3"'),
  highest: z.string(),
  semitones: z.number().int(),
});

const countsOutput = {
  measureCount: z.number().int().describe('Measures, a pickup counted as one.'),
  noteCount: z
    .number()
    .int()
    .describe('Sounding noteheads: a chord of 3 counts 3; grace notes excluded; chord symbols count the pitches they stand for, as in music21.'),
  chordSymbolPitchCount: z.number().int().describe('Of noteCount, the pitches chord symbols stand for.'),
  restCount: z.number().int(),
  graceNoteCount: z.number().int(),
  unpitchedNoteCount: z.number().int().optional().describe('Unpitched percussion notes (drums), left out of noteCount and of every pitch analysis; absent for scores stored before drums were modelled.'),
  ambitus: ambitusOutput.optional(),
};

const partOutput = z.object({
  id: z.string(),
  name: z.string().optional(),
  instrument: z.string().optional(),
  staffCount: z.number().int(),
  transposition: z.object({ diatonic: z.number(), chromatic: z.number(), octaveChange: z.number() }).optional(),
  ...countsOutput,
});

export const getScoreInfo = defineTool({
  name: 'get_score_info',
  title: 'Describe a score',
  description:
    'Facts about an imported score: title and composer, parts (each staff of a multi-staff part counts as a ' +
    'part, as in music21), measures of the first part, duration in quarter notes, first key and time ' +
    'signatures, note and rest counts, ambitus and a pitch-class histogram. Cheap; call it before analysing.',
  input: z.object({ id: scoreIdInput }),
  output: z.object({
    id: z.string(),
    format: z.string(),
    origin: z.string(),
    title: z.string().optional(),
    composer: z.string().optional(),
    metadata: z.record(z.string(), z.string()),
    partCount: z.number().int().describe('Parts counting each staff, as music21 does: a piano on two staves counts 2; parts.length is the number of parts.'),
    ...countsOutput,
    durationQuarters: z.number().describe('Highest time of the score, in quarter notes.'),
    durationExact: z.string().describe('The same as an exact fraction, e.g. "74/3".'),
    keySignatureFifths: z.number().int().nullable().describe('First key signature: sharps positive, flats negative.'),
    timeSignature: z.string().nullable().describe('First time signature, e.g. "3/4".'),
    pitchClassHistogram: z.array(z.number().int()).length(12).describe('Noteheads per pitch class, C = 0 … B = 11.'),
    parts: z.array(partOutput),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const stored = await loadScore(services, call, input.id);
    const summary = stored.summary;
    const { title, composer } = summary.metadata;
    const structured = {
      id: stored.id,
      format: stored.format,
      origin: stored.origin,
      ...(title ? { title } : {}),
      ...(composer ? { composer } : {}),
      ...summary,
      metadata: { ...summary.metadata },
      pitchClassHistogram: [...summary.pitchClassHistogram],
      parts: [...summary.parts],
    };
    return {
      structured,
      summary:
        `${title ?? stored.id}${composer ? ` (${composer})` : ''}: ${partsAndStaves(summary.parts.length, summary.partCount)}, ${count(summary.measureCount, 'measure')}, ` +
        `${count(summary.noteCount, 'note')}, ${count(summary.durationQuarters, 'quarter')}` +
        `${summary.timeSignature ? `, ${summary.timeSignature}` : ''}${summary.keySignatureFifths !== null ? `, key signature: ${keySignatureName(summary.keySignatureFifths)}` : ''}.`,
    };
  },
});
