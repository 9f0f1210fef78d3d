// The slow path of COPY, only for files DuckDB found bad: split a file into its whitespace-separated
// JSON values with their starting line numbers, so each bad record can be reported on its own.

export interface RawRecord {
  lineNumber: number;
  text: string;
}

export function splitJsonRecords(content: string): RawRecord[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const records: RawRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    const start = i;
    const startLine = line;
    if (c === '{' || c === '[') {
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const ch = text[i];
        if (ch === '\n') line++;
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth++;
        else if ((ch === '}' || ch === ']') && --depth === 0) { i++; break; }
      }
    } else {
      // Not an object: take the stray text up to the end of the line as one bad record.
      while (i < n && text[i] !== '\n') i++;
    }
    records.push({ lineNumber: startLine, text: text.slice(start, i) });
  }
  return records;
}
