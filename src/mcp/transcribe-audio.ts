/**
 * Transcription, as one piece of work for a worker thread: the recording decoded (audio-in), its notes
 * detected by the pitch model (note-detection), and those notes read as a score (transcribe), which is
 * encoded for the store. The file's bytes are bounded by the tool (as any input), its length here while decoding.
 */
import { decodeAudio } from '../audio-in/decode-audio.js';
import { toMono } from '../audio-in/decoded-audio.js';
import { detectNotes } from '../note-detection/note-events.js';
import { MODEL_SAMPLE_RATE, posteriorgram } from '../note-detection/pitch-model.js';
import { notesToScore } from '../transcribe/notes-to-score.js';
import { createdScore } from './created-score.js';
import type { CreatedScore } from './define-tool.js';

/** the longest recording transcribed, in seconds */
export const MAX_TRANSCRIBE_SECONDS = 300;

export interface TranscribedAudio {
  readonly created: CreatedScore;
  readonly durationSeconds: number;
  readonly notes: number;
  readonly quarterBpm: number;
  readonly meter: string;
  readonly key: string;
}

/** transcribeAudio(bytes of a WAV of a chorale, "Chorale") → the chorale as a two-staff score, ready to store */
export async function transcribeAudio(bytes: Uint8Array, title: string): Promise<TranscribedAudio> {
  const samples = toMono(await decodeAudio(bytes, MAX_TRANSCRIBE_SECONDS), MODEL_SAMPLE_RATE);
  const transcription = notesToScore(detectNotes(await posteriorgram(samples)), title);
  return {
    created: createdScore(transcription.score, title),
    durationSeconds: Math.round((samples.length / MODEL_SAMPLE_RATE) * 100) / 100,
    notes: transcription.notes,
    quarterBpm: transcription.quarterBpm,
    meter: transcription.meter,
    key: transcription.key,
  };
}
