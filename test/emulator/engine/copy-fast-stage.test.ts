// The fast path's Node-side shortcuts must agree with DuckDB's reader: a line count is the record
// count only where the reader took the file, and a joined stage holds the same records, each with
// its file, or fails to parse (the COPY then reads the files themselves).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRecordLines, writeJoinedStage } from '../../../src/emulator/engine/copy-fast-stage.js';
import { createHarness, ROLE, type Harness } from '../redshift-data/data-api-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-fast-stage-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { key: name, uri: `s3://b/${name}`, path, bytes: Buffer.byteLength(text) };
};

async function duckCount(path: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const r = await conn.runAndReadAll(`SELECT count(*) FROM read_json('${path}', format = 'newline_delimited', columns = {a: 'VARCHAR'})`);
  return Number(r.getRows()[0][0]);
}

describe('countRecordLines', () => {
  it.each([
    ['one record, no final newline', '{"a":1}'],
    ['blank and blank-looking lines', '{"a":1}\n\n  \t\r\n{"a":2}\n\n'],
    ['CRLF line ends', '{"a":1}\r\n{"a":2}\r\n'],
    ['only blanks', ' \n\t\n'],
    ['empty file', ''],
  ])('counts what DuckDB reads: %s', async (_what, text) => {
    const f = file(`c-${Math.random()}.json`, text);
    expect(countRecordLines(f.path)).toBe(await duckCount(f.path));
  });

  it('counts across chunk boundaries, a line at a time', () => {
    const text = Array.from({ length: 50 }, (_, i) => `{"a":${'9'.repeat(i)}}`).join('\n  \n') + '\n';
    const f = file('chunks.json', text);
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(countRecordLines(f.path, Buffer.alloc(size))).toBe(50);
  });
});

describe('writeJoinedStage', () => {
  it('wraps each record with its file, bytes untouched, and skips blank lines', () => {
    const a = file('a.json', '{"a":"é"}\n\n{"a":2}');
    const b = file('b.json', ' \n{"a":[1, 2]}\r\n');
    const stage = join(dir, 'stage.ndjson');
    writeJoinedStage([a, b], stage);
    expect(readFileSync(stage, 'utf8')).toBe(
      `{"filename":${JSON.stringify(a.path)},"r":{"a":"é"}}\n{"filename":${JSON.stringify(a.path)},"r":{"a":2}}\n` +
        `{"filename":${JSON.stringify(b.path)},"r":{"a":[1, 2]}\r}\n`,
    );
  });
});

describe('COPY of many small files (the joined stage)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    await h.run(`CREATE TABLE s (id INTEGER, name VARCHAR(8), score FLOAT)`);
  });
  afterEach(async () => h.close());
  const copy = `COPY s FROM 's3://bucket/many/' IAM_ROLE '${ROLE}' FORMAT AS JSON 'auto' REGION 'us-west-2'`;

  it('loads every record with its per-file line counts', async () => {
    for (let i = 0; i < 40; i++) h.put(`many/f${String(i).padStart(2, '0')}.json`, `{"id":${i},"name":"n${i}","score":${i}.5}\n${i % 2 ? `{"id":${i + 100}}\n` : ''}`);
    const d = await h.run(copy);
    expect(d.Status).toBe('FINISHED');
    expect(await h.rows('SELECT count(*) AS n, sum(id) AS ids, count(score) AS scores FROM s')).toEqual([{ n: 60, ids: 780 + 20 * 100 + 400, scores: 40 }]);
    const commits = await h.rows(`SELECT trim(filename) AS f, lines_scanned AS n FROM stl_load_commits ORDER BY 1`);
    expect(commits).toHaveLength(40);
    expect(commits[1]).toEqual({ f: 's3://bucket/many/f01.json', n: 2 });
    expect(commits[2]).toEqual({ f: 's3://bucket/many/f02.json', n: 1 });
  });

  it('falls back to reading the files when one record spans lines, and still names a bad file', async () => {
    for (let i = 0; i < 10; i++) h.put(`many/f${i}.json`, `{"id":${i}}\n`);
    h.put('many/pretty.json', '{\n  "id": 50,\n  "name": "pretty"\n}\n');
    expect((await h.run(copy)).Status).toBe('FINISHED');
    expect(await h.rows('SELECT count(*) AS n, sum(id) AS ids FROM s')).toEqual([{ n: 11, ids: 95 }]);
    h.put('many/broken.json', '{"id": 7,\n');
    const d = await h.run(copy);
    expect(d.Status).toBe('FAILED');
    const [err] = await h.rows(`SELECT trim(filename) AS f FROM stl_load_errors`);
    expect(err).toEqual({ f: 's3://bucket/many/broken.json' });
  });
});
