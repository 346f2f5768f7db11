#!/usr/bin/env node
/**
 * Parsers on pathological input: how long the inputs the safety and fuzz tests feed them take. The tests
 * check what comes out (read, or refused with a coded error); the time is measured here, where a loaded
 * machine cannot turn it into a failing test. Writes its section of bench/results.md.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { readKern } from '../dist/formats/kern/read.js';
import { readMei } from '../dist/formats/mei/read.js';
import { writeMei } from '../dist/formats/mei/write.js';
import { readMidi } from '../dist/formats/midi/read.js';
import { readScore } from '../dist/formats/read-score.js';
import { CORPUS, SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

function seeded(seed) {
  return (below) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
}

/** CPU ms of the process while `run` runs: the machine is shared, and wall time would count others' work */
function timed(run) {
  const started = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** every mutant read or refused; the slowest one and the whole run, in ms */
function mutants(count, make, read) {
  let slowest = 0;
  const total = timed(() => {
    for (let round = 0; round < count; round++) {
      const mutant = make();
      slowest = Math.max(slowest, timed(() => {
        try {
          read(mutant);
        } catch {
          // refusals are what the fuzz tests check; here only their time counts
        }
      }));
    }
  });
  return { total, slowest };
}

function kernSpines() {
  const cycles = ['**kern', ...Array.from({ length: 100_000 }, () => '*^\n4c\t4e\n*v\t*v'), '*-'].join('\n');
  const wide = ['**kern'];
  for (let columns = 1; columns < 2 ** 17; columns *= 2) wide.push(Array.from({ length: columns }, () => '*^').join('\t'));
  wide.push(Array.from({ length: 2 ** 17 }, () => '4c').join('\t'), Array.from({ length: 2 ** 17 }, () => '*v').join('\t'), '4d', '*-');
  return [
    ['**kern: 10^5 spine split and merge cycles', timed(() => readKern(cycles))],
    ['**kern: one spine split into 2^17 columns', timed(() => readKern(wide.join('\n')))],
  ];
}

function meiCases() {
  const chord = (id) => `<chord dur="16" xml:id="c${id}"><note pname="c" oct="4" xml:id="n${id}" tie="${id % 2 ? 't' : 'i'}"/></chord>`;
  const bar = (n) => `<measure n="${n}"><staff n="1"><layer n="1">${Array.from({ length: 16 }, (_, i) => chord(n * 16 + i)).join('')}</layer></staff><staff n="${n + 2}"/></measure>`;
  const long = `<mei><music><body><mdiv><score><scoreDef meter.count="4" meter.unit="4"><staffGrp><staffDef n="1" lines="5"/></staffGrp></scoreDef><section>${Array.from({ length: 2500 }, (_, n) => bar(n)).join('')}</section></score></mdiv></body></music></mei>`;
  const lol = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
  const bomb = `<?xml version="1.0"?><!DOCTYPE mei [<!ENTITY lol0 "lol">${lol}]><mei>&lol9;</mei>`;
  const chorale = writeMei(readScore(new Uint8Array(readFileSync(`${SCORES}bach/bwv66.6.mxl`)), 'mxl').score);
  const random = seeded(7);
  const damaged = mutants(2000, () => {
    const chars = [...chorale];
    for (let hit = 0; hit < 1 + random(5); hit++) chars[random(chars.length)] = '<>/"=&# a1'[random(10)];
    return chars.join('');
  }, readMei);
  return [
    ['MEI: 40,000 chords with ids and ties (2,500 measures)', timed(() => readMei(long))],
    ['MEI: entity-expansion bomb, refused', timed(() => { try { readMei(bomb); } catch { /* refused, as the safety test checks */ } })],
    ['MEI: 2,000 damaged copies of a chorale, all', damaged.total],
    ['MEI: the slowest of those', damaged.slowest],
  ];
}

/** byte values that make MIDI parsers trip, as in test/formats/midi/fuzz.test.ts */
const MIDI_BYTES = [0x00, 0x7f, 0x80, 0x90, 0xb0, 0xc0, 0xe0, 0xf0, 0xf7, 0xff, 0x2f, 0x51, 0x58];

function midiCases() {
  const sources = ['bwv269.mid', 'bwv17.7.mid', 'bwv153.1.mid'].map((name) => new Uint8Array(readFileSync(`${CORPUS}midi/${name}`)));
  const random = seeded(1);
  const damaged = mutants(2100, () => {
    const bytes = Uint8Array.from(sources[random(sources.length)]);
    for (let edit = 0; edit < 1 + random(8); edit++) bytes[random(bytes.length)] = MIDI_BYTES[random(MIDI_BYTES.length)];
    return random(4) === 0 ? bytes.slice(0, random(bytes.length)) : bytes;
  }, readMidi);
  return [
    ['MIDI: 2,100 damaged chorales, all', damaged.total],
    ['MIDI: the slowest of those', damaged.slowest],
  ];
}

const rows = [...kernSpines(), ...meiCases(), ...midiCases()];
const markdown = [
  '## Parsers on pathological input (npm run bench, bench/pathological-inputs.mjs)',
  '',
  `Date: ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)} at the start  `,
  'The inputs of the parsers\' safety and fuzz tests, timed once each by process CPU time (the tests check only what comes out).',
  '',
  '| input | CPU ms |',
  '|---|---:|',
  ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
  '',
].join('\n');
writeSection('pathological-inputs', markdown);
process.stdout.write(markdown);
