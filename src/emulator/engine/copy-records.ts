// The slow path of COPY, only for files DuckDB's reader could not take whole: stream a file as bytes,
// split it into its whitespace-separated JSON values with their starting line numbers, and judge each
// one as Redshift's JSON parser does (strict JSON — no NaN/Infinity —, an object at the top level,
// valid UTF-8 unless ACCEPTINVCHARS), so each bad record can be reported on its own. Streaming keeps
// memory flat whatever the file size (one record is at most Redshift's 4 MB).
import { openSync, readSync, closeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Redshift: "The maximum size of a single JSON object or array, including braces or brackets, is 4 MB." */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export interface RawRecord {
  lineNumber: number;
  /** The record's text (invalid UTF-8 replaced when ACCEPTINVCHARS allowed it). */
  text: string;
  /** Set when the record is not loadable at all (bad JSON, not an object, bad UTF-8, too large). */
  problem?: RecordProblem;
}

export interface RecordProblem {
  errCode: number;
  errReason: string;
}

const INVALID_JSON: RecordProblem = { errCode: 1216, errReason: 'Invalid JSON object' };
const NOT_OBJECT: RecordProblem = { errCode: 1216, errReason: 'Invalid JSONPath format: Member is not an object.' };
const TOO_LARGE: RecordProblem = { errCode: 1224, errReason: `JSON object or array is larger than ${MAX_RECORD_BYTES} bytes` };

/** Length of the UTF-8 sequence starting at buf[i] if it is valid there, else 0. */
function validSequenceLength(buf: Buffer, i: number): number {
  const b = buf[i];
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need > buf.length - 1) return 0;
  for (let k = 1; k <= need; k++) if ((buf[i + k] & 0xc0) !== 0x80) return 0;
  const cp = need === 1 ? 0 : need === 2 ? ((b & 0x0f) << 12) | ((buf[i + 1] & 0x3f) << 6) : ((b & 0x07) << 18) | ((buf[i + 1] & 0x3f) << 12);
  if (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return 0;
  if (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) return 0;
  return need + 1;
}

/** ACCEPTINVCHARS: each byte of an invalid UTF-8 sequence becomes the replacement character, as Redshift keeps lengths. */
export function replaceInvalidUtf8(buf: Buffer, replacement: string): { text: string; firstBad?: string } {
  let out = '';
  let start = 0;
  let firstBad: string | undefined;
  for (let i = 0; i < buf.length;) {
    const n = validSequenceLength(buf, i);
    if (n > 0) { i += n; continue; }
    firstBad ??= buf.subarray(i, i + 1).toString('hex');
    out += buf.toString('utf8', start, i) + replacement;
    start = ++i;
  }
  return { text: out + buf.toString('utf8', start), firstBad };
}

function judge(bytes: Buffer, lineNumber: number, acceptInvChars: string | undefined): RawRecord {
  let text: string;
  if (isUtf8(bytes)) text = bytes.toString('utf8');
  else {
    const fixed = replaceInvalidUtf8(bytes, acceptInvChars ?? '?');
    if (acceptInvChars === undefined) {
      return { lineNumber, text: fixed.text, problem: { errCode: 1220, errReason: `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${fixed.firstBad} (error 4)` } };
    }
    text = fixed.text;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { lineNumber, text, problem: INVALID_JSON };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { lineNumber, text, problem: NOT_OBJECT };
  return { lineNumber, text };
}

/**
 * Every record of a file, streamed. A value starts at `{` or `[` and ends where its brackets close
 * (strings and escapes respected); any other text up to the end of its line is one bad record.
 */
export function* readJsonRecords(path: string, { acceptInvChars, chunkBytes = 1 << 20 }: { acceptInvChars?: string; chunkBytes?: number } = {}): Generator<RawRecord> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let parts: Buffer[] = [];
    let size = 0;
    let line = 1;
    let startLine = 1;
    let mode = 'between' as 'between' | 'value' | 'stray' | 'skip';
    let depth = 0;
    let inString = false;
    let escaped = false;
    let first = true;
    const take = (buf: Buffer, from: number, to: number) => {
      if (to > from && mode !== 'skip') { parts.push(Buffer.from(buf.subarray(from, to))); size += to - from; }
    };
    const finish = (): RawRecord => {
      const bytes = Buffer.concat(parts, size);
      parts = [];
      size = 0;
      return judge(bytes, startLine, acceptInvChars);
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) break;
      let i = 0;
      if (first && n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // BOM
      first = false;
      let from = i;
      for (; i < n; i++) {
        const c = chunk[i];
        if (mode === 'between') {
          if (c === 0x0a) line++;
          if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) continue;
          startLine = line;
          from = i;
          if (c === 0x7b || c === 0x5b) { mode = 'value'; depth = 1; inString = false; escaped = false; }
          else mode = 'stray';
          continue;
        }
        if (c === 0x0a) line++;
        if (mode === 'skip') {
          if (c === 0x0a) mode = 'between';
          continue;
        }
        if (mode === 'stray' && c === 0x0a) {
          take(chunk, from, i);
          yield finish();
          mode = 'between';
          continue;
        }
        if (mode === 'value') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c) escaped = true;
            else if (c === 0x22) inString = false;
          } else if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
            take(chunk, from, i + 1);
            yield finish();
            mode = 'between';
            continue;
          }
        }
        if (size + (i - from) > MAX_RECORD_BYTES) {
          // Too large to be one record: report its start and resynchronise at the next line.
          take(chunk, from, Math.min(i, from + 1024));
          const head = Buffer.concat(parts, size).subarray(0, 1024);
          parts = [];
          size = 0;
          yield { lineNumber: startLine, text: head.toString('utf8'), problem: TOO_LARGE };
          mode = c === 0x0a ? 'between' : 'skip';
        }
      }
      if (mode === 'value' || mode === 'stray') take(chunk, from, n);
    }
    if ((mode as string) === 'value' || (mode as string) === 'stray') yield finish();
  } finally {
    closeSync(fd);
  }
}
