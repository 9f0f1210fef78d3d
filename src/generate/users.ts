// Sparkify's listeners as pure functions of (seed, index), plus the few per-user facts that change
// while the log is simulated (level, when the user is next free), kept in typed arrays.
import { Tag } from './catalogue.js';
import { chance, intBelow, pick, streamFor } from './prng.js';
import { USER_AGENTS, USER_FIRST, USER_LAST, USER_LOCATIONS } from './vocabulary.js';

export interface User {
  userId: string;
  firstName: string;
  lastName: string;
  gender: 'F' | 'M';
  location: string;
  userAgent: string;
  /** Epoch ms of sign-up; the log writes it as a float ("1540919166796.0"). */
  registration: number;
  initialLevel: 'free' | 'paid';
}

/** About one listener per 80 events, as in the sample (96 users, 8,056 events). */
export const userCountFor = (events: number): number => Math.max(10, Math.round(events / 80));

export function userAt(seed: number, index: number, users: number): User {
  const rand = streamFor(seed, Tag.User, index);
  const heavy = index < users * 0.1; // low indexes are drawn most often: heavy listeners pay more often
  return {
    userId: String(index + 1),
    firstName: pick(rand, USER_FIRST),
    lastName: pick(rand, USER_LAST),
    gender: chance(rand, 0.6) ? 'F' : 'M',
    location: pick(rand, USER_LOCATIONS),
    userAgent: pick(rand, USER_AGENTS),
    registration: Date.UTC(2018, 5, 1) + intBelow(rand, 150 * 86_400) * 1000 + 796,
    initialLevel: chance(rand, heavy ? 0.6 : 0.25) ? 'paid' : 'free',
  };
}

/** What the simulation tracks per user: current level, next free moment, and the summary's facts. */
export class UserStates {
  readonly paid: Uint8Array;
  readonly busyUntil: Float64Array;
  readonly nextSongs: Uint32Array;
  /** Level of the user's latest NextSong (1 paid), which is what the users table keeps. */
  readonly lastPlayedPaid: Uint8Array;
  readonly changedLevel: Uint8Array;
  private readonly cache = new Map<number, User>();

  constructor(
    readonly seed: number,
    readonly count: number,
  ) {
    this.paid = new Uint8Array(count);
    this.busyUntil = new Float64Array(count);
    this.nextSongs = new Uint32Array(count);
    this.lastPlayedPaid = new Uint8Array(count);
    this.changedLevel = new Uint8Array(count);
    for (let i = 0; i < count; i++) this.paid[i] = userAt(seed, i, count).initialLevel === 'paid' ? 1 : 0;
  }

  /** A small cache: heavy users are drawn again and again; the rest are cheap to rebuild. */
  user(index: number): User {
    let u = this.cache.get(index);
    if (!u) {
      u = userAt(this.seed, index, this.count);
      if (this.cache.size < 4096) this.cache.set(index, u);
    }
    return u;
  }
}
