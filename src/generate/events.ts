// One day of the event log: plan sessions (skewed users, evening-heavy start times), play them out
// in start order so each user's timeline (and level) moves forward, then emit the day's lines in
// time order. Only one day's lines are ever held in memory.
import { songAt, Tag, offCatalogueSongAt, type Catalogue } from './catalogue.js';
import { chance, geometric, intBelow, skewedIndex, streamFor, type Random } from './prng.js';
import type { User, UserStates } from './users.js';

export interface EventStats {
  events: number;
  nextSong: number;
  matchedNextSong: number;
  loggedOut: number;
  levelChanges: number;
  sessions: number;
  distinctStartSeconds: number;
  /** Plays per catalogue song (for the skew summary). */
  songPlays: Uint32Array;
}

export interface DayContext {
  seed: number;
  catalogue: Catalogue;
  users: UserStates;
  matchShare: number;
  /** Size of the pool of songs played but not in the catalogue. */
  offCatalogueSongs: number;
  stats: EventStats;
  nextSessionId: number;
  /** NextSong seconds already counted that a later day might still produce (sessions run past midnight). */
  recentSeconds: Set<number>;
}

type Page = 'NextSong' | 'Home' | 'Login' | 'Logout' | 'Settings' | 'Save Settings' | 'Help' | 'About' | 'Error' | 'Upgrade' | 'Submit Upgrade' | 'Downgrade' | 'Submit Downgrade';

/** method and status per page, as the sample has them. */
const PAGE_HTTP: Record<Page, [string, number]> = {
  NextSong: ['PUT', 200], Home: ['GET', 200], Login: ['PUT', 307], Logout: ['PUT', 307], Settings: ['GET', 200],
  'Save Settings': ['PUT', 307], Help: ['GET', 200], About: ['GET', 200], Error: ['GET', 404], Upgrade: ['GET', 200],
  'Submit Upgrade': ['PUT', 307], Downgrade: ['GET', 200], 'Submit Downgrade': ['PUT', 307],
};

/** Browsing pages besides NextSong, with rough sample frequencies. */
const BROWSE: Array<[Page, number]> = [['Home', 0.62], ['Settings', 0.1], ['Help', 0.08], ['About', 0.05], ['Save Settings', 0.03], ['Error', 0.02], ['Upgrade', 0.05], ['Downgrade', 0.05]];

/** Share of sessions per hour of day: quiet nights, busy afternoons and evenings. */
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 7, 8, 9, 9, 9, 8, 7, 6, 4, 3];
const HOUR_CDF = (() => {
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let run = 0;
  return HOUR_WEIGHTS.map((w) => (run += w / total));
})();

const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s).replace(/\//g, '\\/'));
const num = (n: number | null): string => (n === null ? 'null' : String(n));

interface Line { ts: number; seq: number; text: string }

function sessionStart(rand: Random, dayStart: number): number {
  const u = rand();
  const hour = HOUR_CDF.findIndex((c) => u < c);
  return dayStart + (hour < 0 ? 23 : hour) * 3_600_000 + intBelow(rand, 3600) * 1000;
}

/** Plays out one day with exactly `budget` events; returns its lines, newline-separated, in ts order. */
export function simulateDay(ctx: DayContext, dayIndex: number, dayStart: number, budget: number): string {
  const rand = streamFor(ctx.seed, Tag.Day, dayIndex);
  const { users, stats } = ctx;
  for (const s of ctx.recentSeconds) if (s < dayStart / 1000) ctx.recentSeconds.delete(s);
  const plans: Array<{ user: number; start: number; length: number }> = [];
  for (let left = budget; left > 0; ) {
    const length = Math.min(left, geometric(rand, 9, 120));
    plans.push({ user: skewedIndex(rand, users.count, 2.5), start: sessionStart(rand, dayStart), length });
    left -= length;
  }
  plans.sort((a, b) => a.start - b.start);
  const lines: Line[] = [];
  let seq = 0;
  for (const plan of plans) {
    const sessionRand = streamFor(ctx.seed, Tag.Session, ctx.nextSessionId);
    const sessionId = ctx.nextSessionId++;
    stats.sessions++;
    const u = plan.user;
    const user = users.user(u);
    let ts = Math.max(plan.start, users.busyUntil[u] + 60_000) + 796;
    let item = 0;
    let loggedIn = !chance(sessionRand, 0.08);
    const changeAt = chance(sessionRand, 0.04) ? intBelow(sessionRand, plan.length) : -1;
    const emit = (page: Page, song?: { title: string; artist: string; duration: number }) => {
      const [method, status] = PAGE_HTTP[page];
      const level = users.paid[u] ? 'paid' : 'free';
      lines.push({ ts, seq: seq++, text: eventLine(loggedIn ? user : null, { page, method, status, level, ts, sessionId, item: item++, song }) });
      stats.events++;
      if (!loggedIn) stats.loggedOut++;
      ts += song ? Math.round(song.duration * 1000) : (3 + intBelow(sessionRand, 60)) * 1000;
    };
    for (let k = 0; k < plan.length; k++) {
      const left = plan.length - k;
      if (!loggedIn) {
        // Logged out: look around, then log in (the next event is the same session, logged in).
        if (left >= 2 && chance(sessionRand, 0.7)) { emit('Login'); loggedIn = true; } else emit(chance(sessionRand, 0.85) ? 'Home' : chance(sessionRand, 0.5) ? 'About' : 'Help');
        continue;
      }
      if (k === changeAt && left >= 2) {
        const toPaid = !users.paid[u];
        emit(toPaid ? 'Upgrade' : 'Downgrade');
        emit(toPaid ? 'Submit Upgrade' : 'Submit Downgrade');
        users.paid[u] = toPaid ? 1 : 0;
        users.changedLevel[u] = 1;
        stats.levelChanges++;
        k++;
        continue;
      }
      if (left === 2 && chance(sessionRand, 0.1)) { emit('Logout'); loggedIn = false; continue; }
      if (chance(sessionRand, 0.87)) {
        // songplays.start_time and the time table keep whole seconds of ts.
        const second = Math.floor(ts / 1000);
        if (!ctx.recentSeconds.has(second)) { ctx.recentSeconds.add(second); stats.distinctStartSeconds++; }
        emit('NextSong', playedSong(ctx, sessionRand));
        stats.nextSong++;
        users.nextSongs[u]++;
        users.lastPlayedPaid[u] = users.paid[u];
        continue;
      }
      emit(browsePage(sessionRand, users.paid[u] === 1));
    }
    users.busyUntil[u] = ts;
  }
  lines.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  return lines.map((l) => l.text).join('\n');
}

function browsePage(rand: Random, paid: boolean): Page {
  let u = rand();
  for (const [page, p] of BROWSE) {
    if ((u -= p) < 0) return page === 'Upgrade' && paid ? 'Downgrade' : page === 'Downgrade' && !paid ? 'Upgrade' : page;
  }
  return 'Home';
}

/** A catalogue song (popular ones more often) with probability matchShare, else one the catalogue lacks. */
function playedSong(ctx: DayContext, rand: Random): { title: string; artist: string; duration: number } {
  if (chance(rand, ctx.matchShare)) {
    const index = skewedIndex(rand, ctx.catalogue.songs, 3);
    const song = songAt(ctx.catalogue, index);
    ctx.stats.matchedNextSong++;
    ctx.stats.songPlays[index]++;
    return { title: song.title, artist: song.artist_name, duration: song.duration };
  }
  return offCatalogueSongAt(ctx.seed, skewedIndex(rand, ctx.offCatalogueSongs, 3));
}

interface EventFields {
  page: Page;
  method: string;
  status: number;
  level: string;
  ts: number;
  sessionId: number;
  item: number;
  song?: { title: string; artist: string; duration: number };
}

/** The 18 fields in the sample's key order; "/" escaped as the sample's writer does. */
function eventLine(user: User | null, e: EventFields): string {
  const s = e.song;
  return `{"artist":${str(s ? s.artist : null)},"auth":${str(user ? 'Logged In' : 'Logged Out')},"firstName":${str(user ? user.firstName : null)},` +
    `"gender":${str(user ? user.gender : null)},"itemInSession":${e.item},"lastName":${str(user ? user.lastName : null)},"length":${num(s ? s.duration : null)},` +
    `"level":${str(e.level)},"location":${str(user ? user.location : null)},"method":${str(e.method)},"page":${str(e.page)},` +
    `"registration":${user ? `${user.registration}.0` : 'null'},"sessionId":${e.sessionId},"song":${str(s ? s.title : null)},"status":${e.status},` +
    `"ts":${e.ts},"userAgent":${str(user ? user.userAgent : null)},"userId":${str(user ? user.userId : '')}}`;
}

