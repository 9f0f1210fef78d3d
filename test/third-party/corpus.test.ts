// The Sparkify SQL corpus (sparkify-corpus/*.sql) run through Redshift Data sessions, each count
// checked against what this test computes itself from the raw JSON files with plain JavaScript.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ROLE, type Harness } from '../emulator/redshift-data/data-api-harness.js';
import { splitStatements } from '../../src/emulator/engine/sql-tokenizer.js';

const DATA = 'data/s3/udacity-dend';
const CORPUS = join(__dirname, 'sparkify-corpus');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

interface Event { artist: string | null; song: string | null; page: string; ts: number; userId: string; length: number | null }
interface Song { song_id: string; title: string; artist_id: string; artist_name: string; year: number; duration: number }

const events: Event[] = files(join(DATA, 'log_data')).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
const songs: Song[] = files(join(DATA, 'song_data')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const plays = events.filter((e) => e.page === 'NextSong');
const matches = (e: Event): Song[] => songs.filter((s) => s.title === e.song && s.artist_name === e.artist);
const distinct = <T>(xs: T[]): number => new Set(xs).size;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const perUser = new Map<string, number>();
for (const p of plays) perUser.set(p.userId, (perUser.get(p.userId) ?? 0) + 1);
const weekdays = new Map<string, number>();
for (const ts of new Set(plays.map((p) => p.ts))) {
  const day = DAYS[new Date(ts).getUTCDay()].padEnd(9, ' ');
  weekdays.set(day, (weekdays.get(day) ?? 0) + 1);
}

/** Expected answers of each file's `-- check:` queries, in order, from the raw JSON. */
const EXPECTED: Record<string, unknown[][][]> = {
  'project-a-search-path.sql': [
    [[events.length]], [[songs.length]],
    [[plays.reduce((n, e) => n + Math.max(1, matches(e).length), 0)]],
    [[distinct(plays.filter((p) => p.userId !== '').map((p) => p.userId))]],
    [[distinct(plays.map((p) => p.ts))]],
    [...weekdays.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, n]) => [d, n]),
  ],
  'project-b-public-implicit.sql': [
    [[distinct(songs.map((s) => JSON.stringify([s.song_id, s.title, s.artist_id, s.year, s.duration])))]],
    [[distinct(songs.map((s) => s.artist_id))]],
    [[plays.reduce((n, e) => n + matches(e).filter((s) => Math.abs((e.length ?? NaN) - s.duration) < 1).length, 0)]],
    [[distinct(plays.map((p) => p.userId))]],
    [[songs.filter((s) => s.title !== '').length]],
  ],
  'project-c-keys-using.sql': [
    [[events.length]], [[events.length]], [[plays.length]],
    [[[...perUser.values()].filter((n) => n === Math.max(...perUser.values())).length]],
    [[plays.filter((p) => new Date(p.ts).getUTCDay() === 1).length]],
    [[plays.length]],
  ],
};

describe('Sparkify SQL corpus against independently computed counts', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
    cpSync(DATA, join(h.s3Root, 'udacity-dend'), { recursive: true });
  });
  afterAll(async () => h.close());

  /** Run one statement in the session (starting it on the first call); the finished description. */
  async function inSession(sessionId: string | undefined, sql: string): Promise<{ sessionId: string; d: Record<string, any> }> {
    const extra = sessionId ? { SessionId: sessionId } : { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser', SessionKeepAliveSeconds: 600 };
    const r = (await h.service.handle('ExecuteStatement', { ...extra, Sql: sql })) as { Id: string; SessionId: string };
    return { sessionId: r.SessionId, d: await h.wait(r.Id) };
  }

  for (const file of Object.keys(EXPECTED)) {
    it(`${file}: every statement runs and every count matches the raw data`, async () => {
      const text = readFileSync(join(CORPUS, file), 'utf8').replaceAll('{{ROLE}}', ROLE);
      const checks = [...text.matchAll(/^-- check: (.*)$/gm)].map((m) => m[1]);
      let sessionId: string | undefined;
      for (const sql of splitStatements(text)) {
        const r = await inSession(sessionId, sql);
        sessionId = r.sessionId;
        expect(r.d.Status, `${sql}\n${r.d.Error}`).toBe('FINISHED');
      }
      const answers: unknown[][][] = [];
      for (const sql of checks) {
        const r = await inSession(sessionId, sql);
        expect(r.d.Status, `${sql}\n${r.d.Error}`).toBe('FINISHED');
        const res = (await h.service.handle('GetStatementResult', { Id: r.d.Id })) as { Records: Record<string, unknown>[][] };
        answers.push(res.Records.map((row) => row.map((f) => Object.values(f)[0])));
      }
      expect(answers).toEqual(EXPECTED[file]);
      // The access keys never show up in what the Data API reports back.
      const listed = JSON.stringify(await h.service.handle('ListStatements', { MaxResults: 100 }));
      expect(listed).not.toMatch(/wJalrXUtnFEMIK7MDENG|AKIAIOSFODNN7EXAMPLE/);
    });
  }

  it('the raw-data figures agree with the known sample counts', () => {
    expect([events.length, songs.length, plays.length]).toEqual([8056, 71, 6820]);
  });
});
