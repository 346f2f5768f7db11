/**
 * ABC voices into parts: each V: voice is a part of its own, unless a %%score (or %%staves) directive
 * puts voices on one staff "(S A)" or one grand staff "{(RH1 RH2) LH}", which makes them voices of one part.
 */
import { ZERO, add, max } from '../../core/rational.js';
import type { Clef, Measure, Navigation, Part } from '../../core/score.js';

export interface VoiceDeclaration {
  readonly name?: string;
  /** as written after clef=, e.g. "bass", "treble-8" */
  readonly clef?: string;
}

export interface ReadVoice {
  readonly id: string;
  readonly measures: readonly Measure[];
}

/** one part of the score: the voices on each of its staves */
type Group = string[][];

const CLEFS: Readonly<Record<string, Clef>> = {
  treble: { sign: 'G', line: 2 },
  bass: { sign: 'F', line: 4 },
  baritone: { sign: 'F', line: 3 },
  alto: { sign: 'C', line: 3 },
  tenor: { sign: 'C', line: 4 },
  mezzosoprano: { sign: 'C', line: 2 },
  soprano: { sign: 'C', line: 1 },
  perc: { sign: 'percussion' },
  none: { sign: 'none' },
};

/** clefFromAbc("treble-8") → G clef on line 2, an octave down; unknown names → undefined */
export function clefFromAbc(name: string): Clef | undefined {
  const match = /^([a-z]+)([+-]8)?$/.exec(name.toLowerCase());
  const clef = match ? CLEFS[match[1]!] : undefined;
  if (!clef || !match![2]) return clef;
  return { ...clef, octaveChange: match![2] === '-8' ? -1 : 1 };
}

/** scoreGroups("(S A) {(1 2) 3} B") → [[["S","A"]], [["1","2"],["3"]], [["B"]]] */
export function scoreGroups(directive: string): Group[] {
  const groups: Group[] = [];
  let brace: Group | undefined;
  let paren: string[] | undefined;
  for (const token of directive.match(/[(){}]|[^\s(){}[\]|*]+/g) ?? []) {
    if (token === '{') brace = [];
    else if (token === '}') {
      if (brace && brace.length > 0) groups.push(brace);
      brace = undefined;
    } else if (token === '(') paren = [];
    else if (token === ')') {
      if (paren && paren.length > 0 && brace) brace.push(paren);
      else if (paren && paren.length > 0) groups.push([paren]);
      paren = undefined;
    } else if (paren) paren.push(token);
    else if (brace) brace.push([token]);
    else groups.push([[token]]);
  }
  return groups;
}

/** the parts a tune's voices make, in the order %%score names them, then the others in the order met */
export function voiceParts(voices: readonly ReadVoice[], declarations: ReadonlyMap<string, VoiceDeclaration>, directive?: string): Part[] {
  const byId = new Map(voices.map((voice) => [voice.id, voice]));
  const placed = new Set<string>();
  const groups: Group[] = [];
  const take = (id: string): boolean => {
    // a voice %%score names twice, or one that holds no music, is left out of the later group
    if (!byId.has(id) || placed.has(id)) return false;
    placed.add(id);
    return true;
  };
  for (const group of directive ? scoreGroups(directive) : []) {
    const staves = group.map((staff) => staff.filter(take)).filter((staff) => staff.length > 0);
    if (staves.length > 0) groups.push(staves);
  }
  for (const voice of voices) if (!placed.has(voice.id)) groups.push([[voice.id]]);
  return groups.map((staves, index) => groupPart(staves, byId, declarations, `P${index + 1}`));
}

function groupPart(staves: Group, byId: ReadonlyMap<string, ReadVoice>, declarations: ReadonlyMap<string, VoiceDeclaration>, id: string): Part {
  const members = staves.flatMap((staff, staffIndex) => staff.map((voiceId) => ({ voice: byId.get(voiceId)!, staff: staffIndex + 1 })));
  const name = members.map(({ voice }) => declarations.get(voice.id)?.name).find((text) => text !== undefined);
  const clefs = staves.map((staff, staffIndex) => {
    const clefName = staff.map((voiceId) => declarations.get(voiceId)?.clef).find((text) => text !== undefined);
    const clef = clefName ? clefFromAbc(clefName) : undefined;
    return clef ? { offset: ZERO, ...(staves.length > 1 ? { staff: staffIndex + 1 } : {}), value: clef } : undefined;
  }).filter((clef) => clef !== undefined);
  const count = Math.max(...members.map(({ voice }) => voice.measures.length));
  const measures: Measure[] = [];
  for (let index = 0; index < count; index++) {
    const present = members.map((member, order) => ({ ...member, order, measure: member.voice.measures[index] })).filter((member) => member.measure !== undefined);
    const lead = present[0]!.measure!;
    const previous = measures[index - 1];
    const withStaff = staves.length > 1;
    measures.push({
      ...lead,
      index,
      offset: previous ? add(previous.offset, previous.duration) : ZERO,
      duration: present.reduce((longest, member) => max(longest, member.measure!.duration), ZERO),
      voices: present.map(({ measure, order, staff }) => ({
        id: String(order + 1),
        events: withStaff ? measure!.voices[0]!.events.map((event) => ({ ...event, staff })) : measure!.voices[0]!.events,
      })),
      ...(index === 0 && clefs.length > 0 ? { clefs } : {}),
      ...partNavigation(present.map((member) => member.measure!)),
      ...partHarmonies(present.map((member) => member.measure!)),
    });
  }
  return { id, ...(name !== undefined ? { name } : {}), staffCount: staves.length, measures };
}

/** the chord symbols written in any of a part's voices */
function partHarmonies(measures: readonly Measure[]): { harmonies?: Measure['harmonies'] } {
  const harmonies = measures.flatMap((measure) => measure.harmonies ?? []);
  return harmonies.length > 0 ? { harmonies } : {};
}

/** the navigation marks of a measure written in any of a part's voices, each once (voices often repeat them) */
function partNavigation(measures: readonly Measure[]): { navigation?: Navigation[] } {
  const navigation: Navigation[] = [];
  for (const mark of measures.flatMap((measure) => measure.navigation ?? [])) {
    if (!navigation.some((kept) => kept.kind === mark.kind && kept.offset.n * mark.offset.d === mark.offset.n * kept.offset.d)) navigation.push(mark);
  }
  return navigation.length > 0 ? { navigation } : {};
}
