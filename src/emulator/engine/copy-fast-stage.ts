// What Node does cheaply so DuckDB's reader does less: many small files joined into one stage file
// (DuckDB pays ~60 µs to open each file, Node ~8 µs to read one), and the record count of large
// files by counting their lines (DuckDB would parse every record a second time to count them).
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { SourceFile } from './copy-sources.js';

const NEWLINE = 0x0a;
const RECORD_END = Buffer.from('}\n');
const FLUSH_BYTES = 4 << 20;
/** yyjson's whitespace (DuckDB's newline-delimited reader skips lines of nothing else). */
const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d;

/**
 * Joins the files' lines into one NDJSON file, each record wrapped as {"filename": <path>, "r": <record>}
 * with its bytes untouched, so DuckDB reads one file and still knows each record's source. A record
 * that is not one valid JSON object a line makes the stage unreadable; the caller then reads the
 * files themselves, where DuckDB names the file at fault. Returns each file's record count (its
 * lines in the stage), true once DuckDB has read the stage.
 */
export function writeJoinedStage(files: SourceFile[], path: string): Map<string, number> {
  const records = new Map<string, number>();
  const out = new StageWriter(path);
  // One buffer for every file (their sizes are known from the listing): open, read, close and no
  // allocation per file, which is most of what joining costs.
  let data = Buffer.allocUnsafe(64 * 1024);
  try {
    for (const file of files) {
      if (data.length <= file.bytes) data = Buffer.allocUnsafe(file.bytes + 1);
      let size = readInto(file.path, data);
      if (size === data.length) {
        // Grown since it was listed: read it whole rather than cut it.
        data = readFileSync(file.path);
        size = data.length;
      }
      const head = Buffer.from(`{"filename":${JSON.stringify(file.path)},"r":`);
      let n = 0;
      for (let start = 0; start < size;) {
        const nl = data.indexOf(NEWLINE, start);
        const end = nl < 0 || nl >= size ? size : nl;
        let k = start;
        while (k < end && isBlank(data[k])) k++;
        if (k < end) {
          out.append(head, data, start, end);
          n++;
        }
        start = end + 1;
      }
      records.set(file.path, n);
    }
  } finally {
    out.close();
  }
  return records;
}

function readInto(path: string, buffer: Buffer): number {
  const fd = openSync(path, 'r');
  try {
    let size = 0;
    for (let n; size < buffer.length && (n = readSync(fd, buffer, size, buffer.length - size, null)) > 0;) size += n;
    return size;
  } finally {
    closeSync(fd);
  }
}

/** Wrapped records copied into one large buffer, written when full: one write per file would cost more than reading it. */
class StageWriter {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  append(head: Buffer, data: Buffer, start: number, end: number): void {
    const need = head.length + (end - start) + RECORD_END.length;
    if (this.used + need > this.buffer.length) this.flush();
    if (need > this.buffer.length) this.buffer = Buffer.allocUnsafe(need);
    this.used += head.copy(this.buffer, this.used);
    this.used += data.copy(this.buffer, this.used, start, end);
    this.used += RECORD_END.copy(this.buffer, this.used);
  }

  private flush(): void {
    for (let at = 0; at < this.used;) at += writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

const CHUNK_BYTES = 1 << 20;

/**
 * Lines holding anything but blanks, read in fixed chunks (flat memory whatever the file size). Once
 * DuckDB's newline-delimited reader has read a file without error, that is its record count.
 */
export function countRecordLines(path: string, chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)): number {
  const fd = openSync(path, 'r');
  try {
    let records = 0;
    let lineHasContent = false;
    for (let n: number; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
      for (let start = 0; start < n;) {
        const nl = chunk.indexOf(NEWLINE, start);
        const end = nl < 0 || nl >= n ? n : nl;
        if (!lineHasContent) {
          for (let k = start; k < end; k++) {
            if (!isBlank(chunk[k])) {
              lineHasContent = true;
              break;
            }
          }
        }
        if (end === n) break;
        if (lineHasContent) records++;
        lineHasContent = false;
        start = end + 1;
      }
    }
    return lineHasContent ? records + 1 : records;
  } finally {
    closeSync(fd);
  }
}
