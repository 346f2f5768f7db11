/**
 * Plays the notes JSON with WebAudio: one triangle-wave voice per note with a short attack and release,
 * scheduled a little ahead of time (a lookahead loop, so long scores do not create every node at once).
 */
import type { PlaybackNotes } from './api.js';

const LOOKAHEAD_SECONDS = 0.6;
const TICK_MS = 150;

export interface Player {
  stop(): void;
}

const frequency = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** play(notes, 96, onMeasure, onEnd) → starts now; onMeasure(index) as each measure begins */
export function play(score: PlaybackNotes, quarterBpm: number, onMeasure: (index: number) => void, onEnd: () => void): Player {
  const audio = new AudioContext();
  const secondsPerQuarter = 60 / quarterBpm;
  const start = audio.currentTime + 0.1;
  const master = audio.createGain();
  master.gain.value = 0.6 / Math.max(2, score.partNames.length);
  master.connect(audio.destination);
  const total = score.notes.length / 4;
  let next = 0;
  let measure = -1;
  let stopped = false;
  const schedule = () => {
    const horizon = audio.currentTime + LOOKAHEAD_SECONDS;
    for (; next < total; next++) {
      const [onset, duration, midi] = [score.notes[next * 4]!, score.notes[next * 4 + 1]!, score.notes[next * 4 + 2]!];
      const at = start + onset * secondsPerQuarter;
      if (at > horizon) break;
      const end = at + Math.max(0.05, duration * secondsPerQuarter);
      const oscillator = audio.createOscillator();
      const envelope = audio.createGain();
      oscillator.type = 'triangle';
      oscillator.frequency.value = frequency(midi);
      envelope.gain.setValueAtTime(0, at);
      envelope.gain.linearRampToValueAtTime(1, at + 0.015);
      envelope.gain.setTargetAtTime(0.6, at + 0.015, 0.2);
      envelope.gain.setTargetAtTime(0, end - 0.03, 0.02);
      oscillator.connect(envelope).connect(master);
      oscillator.start(at);
      oscillator.stop(end + 0.1);
    }
    const now = (audio.currentTime - start) / secondsPerQuarter;
    let current = measure;
    while (current + 1 < score.measures.length && score.measures[current + 1]!.offsetQuarters <= now) current++;
    if (current !== measure) onMeasure((measure = current));
    const last = score.measures.at(-1);
    if (next >= total && (!last || now >= last.offsetQuarters + last.durationQuarters)) finish();
  };
  const timer = window.setInterval(schedule, TICK_MS);
  const finish = () => {
    if (stopped) return;
    stopped = true;
    window.clearInterval(timer);
    void audio.close();
    onEnd();
  };
  schedule();
  return { stop: finish };
}
