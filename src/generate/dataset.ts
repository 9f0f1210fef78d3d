// Writes a Sparkify-shaped dataset under <out>/<bucket>/ (so <out> is an S3_ROOT): one JSON object per
// song file under song_data/X/Y/Z/, one newline-delimited log file per day under log_data/YYYY/MM/.
// Streaming: songs are rebuilt from their index and written a few at a time, events a day at a time.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { artistIndexOfSong, catalogueFor, songAt, songFileText, songKey, Tag } from './catalogue.js';
import { simulateDay, type DayContext } from './events.js';
import { streamFor } from './prng.js';
import { UserStates, userCountFor } from './users.js';

export interface GenerateOptions {
  songs: number;
  events: number;
  /** The folder standing for S3: files go under <out>/<bucket>/. */
  out: string;
  seed?: number;
  /** Share of NextSong events whose song (title + artist) is in the catalogue, 0…1. */
  matchShare?: number;
  /** Days of log, from 2018-11-01; default about 300 events a day, at most a year. */
  days?: number;
  bucket?: string;
}

export interface GenerateProgress {
  phase: 'songs' | 'events';
  done: number;
  total: number;
}

export interface DatasetSummary {
  seed: number;
  bucket: string;
  out: string;
  songFiles: number;
  songBytes: number;
  logFiles: number;
  logBytes: number;
  days: number;
  /** Distinct artist_ids in the catalogue (the artists table). */
  artists: number;
  events: number;
  loggedOutEvents: number;
  sessions: number;
  nextSongEvents: number;
  matchedNextSong: number;
  matchShareTarget: number;
  matchShare: number;
  /** Users with at least one NextSong (the users table) and those whose latest play was paid. */
  listeners: number;
  paidListeners: number;
  usersInPool: number;
  levelChanges: number;
  usersWithLevelChange: number;
  /** Distinct whole seconds of NextSong ts (the time table). */
  distinctStartTimes: number;
  /** Share of NextSong events by the busiest 10% of listeners, and of catalogue plays by the top 1% of songs. */
  topListenersShare: number;
  topSongsShare: number;
  elapsedMs: number;
}

export const SUMMARY_FILE = 'sparkify-generate.json';

export const LOG_JSONPATHS = ['artist', 'auth', 'firstName', 'gender', 'itemInSession', 'lastName', 'length', 'level', 'location', 'method', 'page', 'registration', 'sessionId', 'song', 'status', 'ts', 'userAgent', 'userId'];

const defaultDays = (events: number): number => Math.min(365, Math.max(1, Math.ceil(events / 300)));

/** Splits `total` over the days by weight (weekends quieter, some noise), exactly. */
function eventsPerDay(seed: number, days: number, total: number, firstDay: number): number[] {
  const rand = streamFor(seed, Tag.Day, 1_000_000 + days);
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(firstDay + d * 86_400_000).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 0.8 : 1) * (0.85 + 0.3 * rand());
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, d) => [x - Math.floor(x), d] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i++, left--) counts[byRemainder[i % days][1]]++;
  return counts;
}

export async function generateDataset(options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<DatasetSummary> {
  const started = Date.now();
  const { songs, events, out } = options;
  const seed = (options.seed ?? 42) >>> 0;
  const matchShare = options.matchShare ?? 0.6;
  const bucket = options.bucket ?? 'udacity-dend';
  const days = options.days ?? defaultDays(events);
  if (!Number.isInteger(songs) || songs < 1) throw new RangeError('songs must be a whole number ≥ 1');
  if (!Number.isInteger(events) || events < 0) throw new RangeError('events must be a whole number ≥ 0');
  if (!(matchShare >= 0 && matchShare <= 1)) throw new RangeError('matchShare must be between 0 and 1');
  const root = join(out, bucket);
  // Only what this generator writes is replaced, so a stale larger run never mixes into a smaller one.
  for (const owned of ['song_data', 'log_data', 'log_json_path.json', SUMMARY_FILE]) rmSync(join(owned === SUMMARY_FILE ? out : root, owned), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'log_json_path.json'), `{\n"jsonpaths": [\n${LOG_JSONPATHS.map((k) => `"$['${k}']"`).join(',\n')}\n]\n}`);

  const catalogue = catalogueFor(seed, songs);
  const { songBytes, artists } = await writeSongs(root, catalogue, onProgress);

  const users = new UserStates(seed, userCountFor(events));
  const firstDay = Date.UTC(2018, 10, 1);
  const perDay = eventsPerDay(seed, days, events, firstDay);
  const ctx: DayContext = {
    seed, catalogue, users, matchShare, offCatalogueSongs: songs * 4 + 1000, nextSessionId: 1, recentSeconds: new Set(),
    stats: { events: 0, nextSong: 0, matchedNextSong: 0, loggedOut: 0, levelChanges: 0, sessions: 0, distinctStartSeconds: 0, songPlays: new Uint32Array(songs) },
  };
  let logBytes = 0;
  let logFiles = 0;
  for (let d = 0; d < days; d++) {
    if (perDay[d] === 0) continue;
    const dayStart = firstDay + d * 86_400_000;
    const text = simulateDay(ctx, d, dayStart, perDay[d]);
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const path = join(root, 'log_data', date.slice(0, 4), date.slice(5, 7), `${date}-events.json`);
    mkdirSync(dirname(path), { recursive: true });
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(path, bytes);
    logBytes += bytes.length;
    logFiles++;
    onProgress?.({ phase: 'events', done: ctx.stats.events, total: events });
  }

  const { stats } = ctx;
  let listeners = 0;
  let paidListeners = 0;
  let usersWithLevelChange = 0;
  for (let u = 0; u < users.count; u++) {
    if (users.nextSongs[u] > 0) { listeners++; paidListeners += users.lastPlayedPaid[u]; }
    usersWithLevelChange += users.changedLevel[u];
  }
  const summary: DatasetSummary = {
    seed, bucket, out, songFiles: songs, songBytes, logFiles, logBytes, days, artists,
    events: stats.events, loggedOutEvents: stats.loggedOut, sessions: stats.sessions,
    nextSongEvents: stats.nextSong, matchedNextSong: stats.matchedNextSong, matchShareTarget: matchShare,
    matchShare: stats.nextSong ? stats.matchedNextSong / stats.nextSong : 0,
    listeners, paidListeners, usersInPool: users.count, levelChanges: stats.levelChanges, usersWithLevelChange,
    distinctStartTimes: stats.distinctStartSeconds,
    topListenersShare: topShare(users.nextSongs, 0.1, true), topSongsShare: topShare(stats.songPlays, 0.01, false),
    elapsedMs: Date.now() - started,
  };
  writeFileSync(join(out, SUMMARY_FILE), JSON.stringify({ options: { songs, events, seed, matchShare, days, bucket }, summary }, null, 2));
  return summary;
}

/** Writes every song file, 64 in flight: enough to keep the disk busy without holding many in memory. */
async function writeSongs(root: string, catalogue: ReturnType<typeof catalogueFor>, onProgress?: (p: GenerateProgress) => void): Promise<{ songBytes: number; artists: number }> {
  const madeDirs = new Set<string>();
  const usedArtists = new Uint8Array(catalogue.artists);
  let songBytes = 0;
  let next = 0;
  const step = Math.max(1, Math.floor(catalogue.songs / 20));
  const worker = async () => {
    while (next < catalogue.songs) {
      const i = next++;
      const song = songAt(catalogue, i);
      usedArtists[artistIndexOfSong(catalogue, i)] = 1;
      const path = join(root, songKey(song));
      const dir = dirname(path);
      if (!madeDirs.has(dir)) { mkdirSync(dir, { recursive: true }); madeDirs.add(dir); }
      const bytes = Buffer.from(songFileText(song), 'utf8');
      songBytes += bytes.length;
      await writeFile(path, bytes);
      if ((i + 1) % step === 0) onProgress?.({ phase: 'songs', done: i + 1, total: catalogue.songs });
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, catalogue.songs) }, worker));
  return { songBytes, artists: usedArtists.reduce((a, b) => a + b, 0) };
}

/** Share of the total held by the top `fraction` of the counts (of the non-zero ones when asked). */
function topShare(counts: ArrayLike<number>, fraction: number, nonZeroOnly: boolean): number {
  const nonZero = Array.from(counts).filter((c) => !nonZeroOnly || c > 0).sort((a, b) => b - a);
  const total = nonZero.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const top = nonZero.slice(0, Math.max(1, Math.ceil(nonZero.length * fraction))).reduce((a, b) => a + b, 0);
  return top / total;
}
