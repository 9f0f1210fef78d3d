// The generator's output: byte-identical for a seed, laid out and shaped like the real sample
// (same keys, same types, same folder scheme), skewed like a real service, with an exact match share
// and users who change level.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFor, songAt } from '../../src/generate/catalogue.js';
import { generateDataset, type DatasetSummary } from '../../src/generate/dataset.js';
import { SAMPLE_S3_ROOT } from '../helpers/workspace.js';

const SAMPLE = join(SAMPLE_S3_ROOT, 'udacity-dend');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function digest(root: string): string {
  const hash = createHash('sha256');
  for (const f of filesUnder(root)) hash.update(relative(root, f)).update(readFileSync(f));
  return hash.digest('hex');
}

const logRecords = (root: string) => filesUnder(join(root, 'log_data')).flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
const songRecords = (root: string) => filesUnder(join(root, 'song_data')).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);
const typeOf = (v: unknown) => (v === null ? 'null' : typeof v);

describe('generateDataset', () => {
  let dir: string;
  let summary: DatasetSummary;
  let root: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-gen-'));
    summary = await generateDataset({ songs: 300, events: 4000, out: join(dir, 'a'), seed: 7, matchShare: 0.5 });
    root = join(dir, 'a', 'udacity-dend');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes identical bytes for the same seed, different bytes for another', async () => {
    await generateDataset({ songs: 300, events: 4000, out: join(dir, 'b'), seed: 7, matchShare: 0.5 });
    await generateDataset({ songs: 300, events: 4000, out: join(dir, 'c'), seed: 8, matchShare: 0.5 });
    expect(digest(join(dir, 'b', 'udacity-dend'))).toBe(digest(root));
    expect(digest(join(dir, 'c', 'udacity-dend'))).not.toBe(digest(root));
  });

  it('lays files out like the sample: song_data/X/Y/Z/TRXYZ….json, log_data/YYYY/MM/YYYY-MM-DD-events.json', () => {
    const songs = filesUnder(join(root, 'song_data')).map((f) => relative(root, f));
    expect(songs).toHaveLength(300);
    for (const key of songs) {
      const m = /^song_data\/([A-Z])\/([A-Z])\/([A-Z])\/(TR[A-Z0-9]{16})\.json$/.exec(key);
      expect(m, key).not.toBeNull();
      expect(m![4].slice(2, 5)).toBe(m![1] + m![2] + m![3]);
    }
    const logs = filesUnder(join(root, 'log_data')).map((f) => relative(root, f));
    expect(logs).toHaveLength(summary.logFiles);
    for (const key of logs) expect(key).toMatch(/^log_data\/(\d{4})\/(\d{2})\/\1-\2-\d{2}-events\.json$/);
    expect(readFileSync(join(root, 'log_json_path.json'), 'utf8')).toBe(readFileSync(join(SAMPLE, 'log_json_path.json'), 'utf8').trimEnd());
  });

  it('writes the same keys, in the same order, with the same JSON types as the sample', () => {
    const realLog = logRecords(SAMPLE);
    const ours = logRecords(root);
    expect(ours).toHaveLength(4000);
    expect(Object.keys(ours[0])).toHaveLength(18);
    expect(Object.keys(ours[0])).toEqual(Object.keys(realLog[0]));
    const typesOf = (records: Record<string, unknown>[]) => {
      const seen: Record<string, Set<string>> = {};
      for (const r of records) for (const [k, v] of Object.entries(r)) (seen[k] ??= new Set()).add(typeOf(v));
      return Object.fromEntries(Object.entries(seen).map(([k, s]) => [k, [...s].sort()]));
    };
    expect(typesOf(ours)).toEqual(typesOf(realLog));
    expect(new Set(ours.map((r) => r.page))).toEqual(new Set(realLog.map((r) => r.page)));
    // Logged-out events carry an empty userId and no person, as in the sample.
    for (const r of ours.filter((e) => e.auth === 'Logged Out')) expect([r.userId, r.firstName, r.registration]).toEqual(['', null, null]);
    // registration is written as a float, "/" is escaped, as the sample's writer does.
    const firstFile = readFileSync(filesUnder(join(root, 'log_data'))[0], 'utf8');
    expect(firstFile).toMatch(/"registration":\d{13}\.0,/);
    expect(firstFile).toContain('Mozilla\\/5.0');
    expect(firstFile.endsWith('\n')).toBe(false);

    const realSongs = songRecords(SAMPLE);
    const songs = songRecords(root);
    expect(Object.keys(songs[0])).toEqual(Object.keys(realSongs[0]));
    expect(Object.keys(songs[0])).toHaveLength(10);
    expect(typesOf(songs)).toEqual(typesOf(realSongs));
    expect(new Set(songs.map((s) => s.song_id)).size).toBe(300);
    for (const s of songs) expect(s.song_id).toMatch(/^SO[A-Z0-9]{16}$/);
  });

  it('is ordered by ts within each day file', () => {
    for (const f of filesUnder(join(root, 'log_data'))) {
      const ts = readFileSync(f, 'utf8').split('\n').map((l) => (JSON.parse(l) as { ts: number }).ts);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
    }
  });

  it('is skewed: heavy listeners and popular songs', () => {
    const plays = logRecords(root).filter((r) => r.page === 'NextSong');
    const perUser = new Map<unknown, number>();
    for (const p of plays) perUser.set(p.userId, (perUser.get(p.userId) ?? 0) + 1);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    const top10 = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0) / plays.length;
    expect(top10).toBeGreaterThan(0.3); // uniform would be 0.1
    expect(top10).toBeCloseTo(summary.topListenersShare, 5);
    const perSong = new Map<string, number>();
    for (const p of plays) perSong.set(`${p.song}|${p.artist}`, (perSong.get(`${p.song}|${p.artist}`) ?? 0) + 1);
    expect(Math.max(...perSong.values())).toBeGreaterThan(10 * (plays.length / perSong.size));
  });

  it('matches exactly the share of plays it reports, and never by accident', () => {
    const catalogue = catalogueFor(7, 300);
    const known = new Set(Array.from({ length: 300 }, (_, i) => songAt(catalogue, i)).map((s) => `${s.title}|${s.artist_name}`));
    const plays = logRecords(root).filter((r) => r.page === 'NextSong');
    const matched = plays.filter((p) => known.has(`${p.song}|${p.artist}`)).length;
    expect(plays.length).toBe(summary.nextSongEvents);
    expect(matched).toBe(summary.matchedNextSong);
    expect(matched / plays.length).toBeGreaterThan(0.45);
    expect(matched / plays.length).toBeLessThan(0.55);
  });

  it('has users who move between free and paid through Submit Upgrade/Downgrade', () => {
    const events = logRecords(root).filter((r) => r.userId !== '');
    const levels = new Map<unknown, Set<unknown>>();
    for (const e of events) (levels.get(e.userId) ?? levels.set(e.userId, new Set()).get(e.userId)!).add(e.level);
    const changed = [...levels.values()].filter((s) => s.size === 2).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(summary.usersWithLevelChange);
    expect(events.filter((e) => e.page === 'Submit Upgrade' || e.page === 'Submit Downgrade')).toHaveLength(summary.levelChanges);
  });
});
