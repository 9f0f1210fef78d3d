// Child of copy-bad-input.test.ts: writes a single-line file of <MB> megabytes (1 KB records, one
// of them broken in the middle), COPYs it with MAXERROR 1 and prints the outcome and this process's
// peak RSS (DuckDB included), so the measurement is the COPY's alone.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, ROLE } from '../redshift-data/data-api-harness.js';

const megabytes = Number(process.argv[2] ?? 300);
const h = createHarness();
try {
  await h.run('CREATE TABLE big (id INTEGER, payload VARCHAR(65535))');
  h.put('big/one-line.json', '');
  const path = join(h.s3Root, 'bucket', 'big', 'one-line.json');
  const payload = 'x'.repeat(1000);
  const perChunk = 1000;
  const records = Math.ceil((megabytes * 1e6) / (payload.length + 20)) + 1;
  const fd = openSync(path, 'w');
  for (let i = 0; i < records; i += perChunk) {
    let chunk = '';
    for (let k = i; k < Math.min(records, i + perChunk); k++) {
      chunk += k === Math.floor(records / 2) ? `{"id":${k},"payload":"${payload}" oops}` : `{"id":${k},"payload":"${payload}"}`;
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
  const d = await h.run(`COPY big FROM 's3://bucket/big/' IAM_ROLE '${ROLE}' FORMAT AS JSON 'auto' MAXERROR 1 REGION 'us-west-2'`);
  const errors = d.RedshiftQueryId
    ? await h.rows(`SELECT trim(file_name) AS file, line_number AS line, error_code AS code FROM sys_load_error_detail WHERE query_id = ${d.RedshiftQueryId}`)
    : [];
  const [{ n }] = d.Status === 'FINISHED' ? await h.rows('SELECT count(*) AS n FROM big') : [{ n: -1 }];
  process.stdout.write(JSON.stringify({
    status: d.Status, error: d.Error, rows: Number(n), records, errors, bytes: statSync(path).size, maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\n');
} finally {
  await h.close();
}
