/**
 * Standard MIDI File bytes (SMF 1.0, type 1) from events already placed on ticks: one pass, into a buffer
 * that doubles as it fills, so the time grows with the number of events. (midi-file's writer copied the
 * whole track for every multi-byte delta time: with 10080 ticks per quarter nearly all of them, so its
 * time grew with the square of the score's length.)
 */

export type SmfEvent =
  | { readonly type: 'noteOn' | 'noteOff'; readonly channel: number; readonly note: number; readonly velocity: number }
  | { readonly type: 'programChange'; readonly channel: number; readonly program: number }
  | { readonly type: 'trackName'; readonly text: string }
  | { readonly type: 'timeSignature'; readonly numerator: number; readonly denominator: number }
  | { readonly type: 'keySignature'; readonly fifths: number; readonly minor: boolean }
  | { readonly type: 'setTempo'; readonly microsecondsPerQuarter: number };

export interface SmfTrack {
  /** in the order they sound, ticks never decreasing */
  readonly events: readonly { readonly tick: number; readonly event: SmfEvent }[];
  /** where the track ends (its End of Track event), at or after its last event */
  readonly endTick: number;
}

/** encodeSmf(10080, [conductor, violin]) → the bytes of a type-1 MIDI file */
export function encodeSmf(ticksPerQuarter: number, tracks: readonly SmfTrack[]): Uint8Array {
  const out = new ByteWriter();
  out.ascii('MThd');
  out.uint32(6);
  out.uint16(1);
  out.uint16(tracks.length);
  out.uint16(ticksPerQuarter);
  for (const track of tracks) writeTrack(out, track);
  return out.bytes();
}

function writeTrack(out: ByteWriter, track: SmfTrack): void {
  out.ascii('MTrk');
  const lengthAt = out.length;
  out.uint32(0); // filled in once the track is written
  let previous = 0;
  for (const { tick, event } of track.events) {
    out.varInt(tick - previous);
    writeEvent(out, event);
    previous = tick;
  }
  out.varInt(track.endTick - previous);
  out.bytesOf([0xff, 0x2f, 0x00]);
  out.uint32At(lengthAt, out.length - lengthAt - 4);
}

function writeEvent(out: ByteWriter, event: SmfEvent): void {
  switch (event.type) {
    case 'noteOn':
      return out.bytesOf([0x90 | event.channel, event.note, event.velocity]);
    case 'noteOff':
      return out.bytesOf([0x80 | event.channel, event.note, event.velocity]);
    case 'programChange':
      return out.bytesOf([0xc0 | event.channel, event.program]);
    case 'trackName':
      return meta(out, 0x03, latin1(event.text));
    case 'timeSignature':
      // 24 MIDI clocks per metronome click, 8 thirty-second notes per quarter
      return meta(out, 0x58, [event.numerator, Math.log2(event.denominator), 24, 8]);
    case 'keySignature':
      return meta(out, 0x59, [event.fifths & 0xff, event.minor ? 1 : 0]);
    case 'setTempo': {
      const tempo = event.microsecondsPerQuarter;
      return meta(out, 0x51, [(tempo >> 16) & 0xff, (tempo >> 8) & 0xff, tempo & 0xff]);
    }
  }
}

function meta(out: ByteWriter, type: number, data: readonly number[]): void {
  out.bytesOf([0xff, type]);
  out.varInt(data.length);
  out.bytesOf(data);
}

/** MIDI text is bytes, read as Latin-1 by most players: characters beyond it become "?" */
function latin1(text: string): number[] {
  return Array.from(text, (character) => {
    const code = character.codePointAt(0)!;
    return code <= 0xff ? code : 0x3f;
  });
}

class ByteWriter {
  private buffer = new Uint8Array(4096);
  length = 0;

  private room(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  bytesOf(values: readonly number[]): void {
    this.room(values.length);
    for (const value of values) this.buffer[this.length++] = value;
  }

  ascii(text: string): void {
    this.bytesOf(Array.from(text, (character) => character.charCodeAt(0)));
  }

  uint16(value: number): void {
    this.bytesOf([(value >> 8) & 0xff, value & 0xff]);
  }

  uint32(value: number): void {
    this.room(4);
    this.uint32At(this.length, value);
    this.length += 4;
  }

  uint32At(at: number, value: number): void {
    this.buffer[at] = (value >>> 24) & 0xff;
    this.buffer[at + 1] = (value >>> 16) & 0xff;
    this.buffer[at + 2] = (value >>> 8) & 0xff;
    this.buffer[at + 3] = value & 0xff;
  }

  /** a variable-length quantity: 7 bits a byte, most significant first, the high bit set on all but the last */
  varInt(value: number): void {
    const groups = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) groups.push((rest & 0x7f) | 0x80);
    this.bytesOf(groups.reverse());
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
