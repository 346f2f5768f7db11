/**
 * The `cadenza` subcommands, each loaded only when it is the one asked for: a command that loaded every
 * other command's dependencies (the HTTP server, Redis, BullMQ, OpenTelemetry…) would spend a second
 * starting to do a millisecond of work (bench/cli-startup.mjs measures it).
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

const batch = async (): Promise<Register> => (await import('./batch.js')).registerBatch;
const backup = async (): Promise<Register> => (await import('./backup.js')).registerBackup;

/** Each command's name and how to load the function that adds it (and its options) to the program, in help order. */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  serve: async () => (await import('./serve.js')).registerServe,
  convert: async () => (await import('./convert.js')).registerConvert,
  apikey: async () => (await import('./apikey.js')).registerApiKey,
  backup,
  restore: backup,
  batch,
  worker: batch,
  analyze: async () => (await import('./analyze.js')).registerAnalyze,
  info: async () => (await import('./info.js')).registerInfo,
  render: async () => (await import('./render.js')).registerRender,
  transcribe: async () => (await import('./transcribe.js')).registerTranscribe,
  corpus: async () => (await import('./corpus.js')).registerCorpus,
  setup: async () => (await import('./setup.js')).registerSetup,
  doctor: async () => (await import('./doctor.js')).registerDoctor,
};

/** the top-level options that need no command */
const VERSION = new Set(['--version', '-V']);

/** registerCommands(program, "info") adds only `info`; for anything else (help, an unknown word) it adds them all, for the help or the error to name them */
export async function registerCommands(program: Command, word: string | undefined): Promise<void> {
  if (word !== undefined && VERSION.has(word)) return;
  const load = word !== undefined && Object.hasOwn(COMMANDS, word) ? [COMMANDS[word]!] : [...new Set(Object.values(COMMANDS))];
  for (const register of await Promise.all(load.map((loader) => loader()))) register(program);
}
