/**
 * The player's controls, the same in the web viewer and the MCP App view: play/pause, stop, a seek bar,
 * tempo, mute and solo per part, and the position (also as data- attributes, for tests and assistive
 * tools); a click on a measure of the engraving plays from there.
 */
import { ScorePlayer, type AudioSource, type PlayerPosition, type Timemap } from './player.js';

export interface ControlsOptions {
  /** where the controls go (emptied first) */
  readonly container: HTMLElement;
  /** the engraving, with the ids the timemap names */
  readonly notation: HTMLElement;
  readonly timemap: Timemap;
  readonly partNames: readonly string[];
  readonly fetchAudio: AudioSource;
  /** told when playing fails (no sound allowed, the server refused, …) */
  readonly onError: (message: string) => void;
}

function element<K extends keyof HTMLElementTagNameMap>(name: K, properties: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const made = Object.assign(document.createElement(name), properties);
  made.append(...children);
  return made;
}

/** "1:05.2" */
function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;
}

export interface MountedPlayer {
  readonly player: ScorePlayer;
  /** stops the player and takes its controls and listeners away */
  close(): void;
}

/** mountPlayer({ container, notation, timemap, … }) → the player, its controls shown in container */
export function mountPlayer(options: ControlsOptions): MountedPlayer {
  const { container, notation, timemap } = options;
  const play = element('button', { id: 'play', type: 'button', textContent: '▶ Play' });
  const stop = element('button', { id: 'stop', type: 'button', textContent: '■ Stop', disabled: true });
  const seek = element('input', { id: 'seek', type: 'range', min: '0', step: '0.1', value: '0', title: 'Position' });
  const tempo = element('input', { id: 'tempo', type: 'number', min: '20', max: '300', step: '1', value: String(Math.round(timemap.quarterBpm)) });
  const position = element('output', { id: 'position' });
  const failed = (error: unknown) => options.onError(error instanceof Error ? error.message : String(error));
  let seeking = false;
  const player = new ScorePlayer(notation, timemap, options.partNames.length, options.fetchAudio, (now: PlayerPosition) => {
    play.textContent = now.playing ? '❚❚ Pause' : '▶ Play';
    stop.disabled = !now.playing && now.seconds === 0;
    if (!seeking) seek.value = String(now.seconds);
    position.textContent = `${clock(now.seconds)} / ${clock(now.durationSeconds)}`;
    position.dataset['seconds'] = now.seconds.toFixed(2);
    position.dataset['measure'] = String(now.measureIndex);
    position.dataset['playing'] = String(now.playing);
  });
  seek.max = String(player.durationSeconds);
  position.textContent = `${clock(0)} / ${clock(player.durationSeconds)}`;
  play.addEventListener('click', () => (player.playing ? player.pause() : player.play().catch(failed)));
  stop.addEventListener('click', () => player.stop());
  seek.addEventListener('input', () => (seeking = true));
  seek.addEventListener('change', () => {
    seeking = false;
    player.seek(Number(seek.value)).catch(failed);
  });
  tempo.addEventListener('change', () => {
    const bpm = Number(tempo.value);
    if (bpm >= 20 && bpm <= 300) player.setTempo(bpm).catch(failed);
  });
  const parts = options.partNames.map((name, index) => partToggles(player, name, index, failed));
  container.replaceChildren(play, stop, seek, position, element('label', {}, 'Tempo ', tempo, ' ♩/min'), element('span', { id: 'parts' }, ...parts));
  const listening = new AbortController();
  notation.addEventListener('click', (event) => {
    // by the measure's box: a click between staff lines hits no element of it, and a mark drawn over it
    // (the viewer's findings) is not inside it
    const measure = [...notation.querySelectorAll('g.measure')].find((candidate) => {
      const box = candidate.getBoundingClientRect();
      return event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    });
    if (measure?.id) player.playFromMeasure(measure.id).catch(failed);
  }, { signal: listening.signal });
  return {
    player,
    close() {
      listening.abort();
      player.close();
      container.replaceChildren();
    },
  };
}

/** a part's name with its mute (M) and solo (S) switches */
function partToggles(player: ScorePlayer, name: string, index: number, failed: (error: unknown) => void): HTMLElement {
  const toggle = (letter: string, title: string, change: (on: boolean) => Promise<void>) => {
    const box = element('input', { type: 'checkbox', className: letter === 'M' ? 'mute' : 'solo', title: `${title} ${name}` });
    box.dataset['part'] = String(index);
    box.addEventListener('change', () => change(box.checked).catch(failed));
    return element('label', { className: 'toggle' }, box, letter);
  };
  return element('span', { className: 'part' }, name, ' ',
    toggle('M', 'Mute', (on) => player.setMuted(index, on)),
    toggle('S', 'Solo', (on) => player.setSoloed(index, on)));
}
