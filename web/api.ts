/** The viewer's calls to /api, with the bearer token when the server asks for one. */
import type { ScoreDiff } from './diff.js';
import type { AudioRequest, Timemap } from './player.js';

export interface ScoreListing { id: string; title?: string; composer?: string; format: string; origin: string; importedAt: string }
export interface Rendered { page: number; pageCount: number; width: number; height: number; svg: string; timemap?: Timemap }
export interface Chord { offsetQuarters: number; measure: string; beat: number; key: string; figure: string; function: string }
export interface Cadence { type: string; measure: string; beat: number; key: string; progression: string[] }
export interface KeyRegion { key: string; fromMeasure: string; offsetQuarters: number; durationQuarters: number }
export interface Finding { issue: string; offsetQuarters: number; measure: string; beat: number; voices: string[]; explanation: string }
export interface Analysis {
  harmony: { chords: Chord[]; cadences: Cadence[]; truncated: boolean };
  key: { name: string; correlation: number; regions?: KeyRegion[] };
  voiceLeading: { findings: Finding[]; counts: Record<string, number>; truncated: boolean };
}
export interface MeasureSpan { number: string; offsetQuarters: number; durationQuarters: number }
export interface CorpusListing { name: string; pieces: number; bundled: boolean }
export interface CorpusStatistics { corpus: string; pieces: number; notes: number; harmonies: number; chart?: string }
export interface Versions { id: string; current: number; versions: { version: number; author: string; at: string; change: string }[] }
export interface PlaybackNotes { quarterBpm: number; measures: MeasureSpan[]; notes: number[]; partNames: string[] }

const TOKEN_KEY = 'cadenza-token';

/** An API failure, with the server's error code; status 401 means a token is needed. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`/api${path}`, { ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string; hint?: string };
    throw new ApiError(response.status, body.error ?? String(response.status), [body.error_description, body.hint].filter(Boolean).join(' ') || response.statusText);
  }
  return response;
}

const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await request(path, init)).json() as Promise<T>;
const scorePath = (id: string) => `/scores/${encodeURIComponent(id)}`;

export const api = {
  list: () => json<{ scores: ScoreListing[] }>('/scores').then((body) => body.scores),
  importFile: (file: File) =>
    json<{ id: string; title?: string }>(`/scores?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } }),
  render: (id: string, page: number, measures?: string, timemap = false) =>
    json<Rendered>(`${scorePath(id)}/render?${new URLSearchParams({ page: String(page), ...(measures ? { measures } : {}), ...(timemap ? { timemap: '1' } : {}) }).toString()}`),
  audio: async (id: string, measures: string | undefined, asked: AudioRequest) => {
    const query = new URLSearchParams({ quarterBpm: String(asked.quarterBpm), ...(measures ? { measures } : {}), ...(asked.parts ? { parts: asked.parts.join(',') } : {}) });
    return (await request(`${scorePath(id)}/audio?${query.toString()}`)).arrayBuffer();
  },
  corpora: () => json<{ corpora: CorpusListing[] }>('/corpora').then((body) => body.corpora),
  corpusStatistics: (name: string, filter?: string) =>
    json<CorpusStatistics>(`/corpora/${encodeURIComponent(name)}/statistics${filter ? `?${new URLSearchParams({ filter }).toString()}` : ''}`),
  /** every page of a score (or of its measures from-to) */
  renderAll: async (id: string, measures?: string) => {
    const first = await api.render(id, 1, measures);
    return [first, ...(await Promise.all(Array.from({ length: first.pageCount - 1 }, (_, index) => api.render(id, index + 2, measures))))];
  },
  versions: (id: string) => json<Versions>(`${scorePath(id)}/versions`),
  /** diff_scores from `against` (an id, or id@N) to the score `id` */
  diff: (id: string, against: string) => json<ScoreDiff>(`${scorePath(id)}/diff?${new URLSearchParams({ against }).toString()}`),
  analysis: (id: string) => json<Analysis>(`${scorePath(id)}/analysis`),
  notes: (id: string) => json<PlaybackNotes>(`${scorePath(id)}/notes`),
  exportFile: async (id: string, format: 'musicxml' | 'midi') => {
    const response = await request(`${scorePath(id)}/export?format=${format}`);
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${id}.${format}`;
    return { name, blob: await response.blob() };
  },
};
