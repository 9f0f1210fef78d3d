// The song catalogue as pure functions of (seed, index): song i, its artist and its file path can be
// rebuilt at any time, so neither the writer nor the event simulator keeps the catalogue in memory.
import { alnum, chance, indexCode, intBelow, pick, skewedIndex, streamFor, type Random } from './prng.js';
import { ARTIST_COORDINATES, ARTIST_LOCATIONS, BAND_ADJECTIVES, BAND_NOUNS, CATALOGUE_FIRST, CATALOGUE_LAST, OFF_CATALOGUE_FIRST, OFF_CATALOGUE_LAST, TITLE_SUFFIXES, TITLE_WORDS } from './vocabulary.js';

/** Stream tags: one independent stream family per kind of entity. */
export const Tag = { Song: 1, Artist: 2, OffSong: 3, User: 4, Day: 5, Session: 6 } as const;

export interface Artist {
  artist_id: string;
  artist_latitude: number | null;
  artist_longitude: number | null;
  artist_location: string;
  artist_name: string;
}

export interface Song extends Artist {
  num_songs: 1;
  song_id: string;
  title: string;
  duration: number;
  year: number;
  /** TRXYZ…: the file name; XYZ are its folders, as in the Million Song Dataset. */
  trackId: string;
}

export interface Catalogue {
  seed: number;
  songs: number;
  artists: number;
  /** How many letters the first folder level uses, so folders hold a handful of files at any size. */
  firstLetters: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function catalogueFor(seed: number, songs: number): Catalogue {
  return { seed, songs, artists: Math.max(1, Math.ceil(songs * 0.7)), firstLetters: Math.min(26, Math.max(1, Math.ceil(songs / (26 * 26 * 8)))) };
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Song lengths: mostly 2–6 minutes, a long tail of long tracks (the sample runs 16 s … 43 min). */
export function drawDuration(rand: Random): number {
  const base = 90 + 330 * Math.pow(rand(), 1.6);
  return round5(chance(rand, 0.02) ? base * (2 + 4 * rand()) : base);
}

function drawTitle(rand: Random): string {
  const words = 1 + intBelow(rand, 3);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(pick(rand, TITLE_WORDS));
  return parts.join(' ') + pick(rand, TITLE_SUFFIXES);
}

export function artistAt(catalogue: Catalogue, index: number): Artist {
  const rand = streamFor(catalogue.seed, Tag.Artist, index);
  const artist_id = `AR${alnum(rand, 4)}${indexCode(index, 6)}${alnum(rand, 6)}`;
  const artist_name = chance(rand, 0.65) ? `${pick(rand, CATALOGUE_FIRST)} ${pick(rand, CATALOGUE_LAST)}` : `The ${pick(rand, BAND_ADJECTIVES)} ${pick(rand, BAND_NOUNS)}`;
  // The sample: ~40% have no location, ~55% no coordinates.
  const place = intBelow(rand, ARTIST_LOCATIONS.length);
  const located = chance(rand, 0.6);
  const withCoordinates = located && chance(rand, 0.75);
  const [lat, lon] = ARTIST_COORDINATES[place];
  return {
    artist_id,
    artist_latitude: withCoordinates ? lat : null,
    artist_longitude: withCoordinates ? lon : null,
    artist_location: located ? ARTIST_LOCATIONS[place] : '',
    artist_name,
  };
}

/** The artist of song i: a few prolific artists, many with one song. */
export function artistIndexOfSong(catalogue: Catalogue, songIndex: number): number {
  return skewedIndex(streamFor(catalogue.seed, Tag.Song, songIndex), catalogue.artists, 1.6);
}

export function songAt(catalogue: Catalogue, index: number): Song {
  const rand = streamFor(catalogue.seed, Tag.Song, index);
  const artistIndex = skewedIndex(rand, catalogue.artists, 1.6); // first draw: artistIndexOfSong
  const folders = LETTERS[intBelow(rand, catalogue.firstLetters)] + LETTERS[intBelow(rand, 26)] + LETTERS[intBelow(rand, 26)];
  return {
    num_songs: 1,
    ...artistAt(catalogue, artistIndex),
    song_id: `SO${alnum(rand, 5)}${indexCode(index, 6)}${alnum(rand, 5)}`,
    title: drawTitle(rand),
    duration: drawDuration(rand),
    year: chance(rand, 0.6) ? 0 : 1960 + intBelow(rand, 51),
    trackId: `TR${folders}${indexCode(index, 6)}${alnum(rand, 7)}`,
  };
}

/** song_data/X/Y/Z/TRXYZ….json, the key under the bucket. */
export function songKey(song: Song): string {
  const t = song.trackId;
  return `song_data/${t[2]}/${t[3]}/${t[4]}/${t}.json`;
}

/** A played song that is not in the catalogue (its artist name can never be a catalogue artist's). */
export function offCatalogueSongAt(seed: number, index: number): { title: string; artist: string; duration: number } {
  const rand = streamFor(seed, Tag.OffSong, index);
  return { artist: `${pick(rand, OFF_CATALOGUE_FIRST)} ${pick(rand, OFF_CATALOGUE_LAST)}`, title: drawTitle(rand), duration: drawDuration(rand) };
}

/** Python's json.dumps: ", " and ": " separators, non-ASCII as \uXXXX — the song files' own style. */
export function pythonJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`);
  return `{${entries.join(', ')}}`;
}

/** The file's bytes: the 10 song fields, in the sample's key order, no trailing newline. */
export function songFileText(song: Song): string {
  const { num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year } = song;
  return pythonJson({ num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year });
}
