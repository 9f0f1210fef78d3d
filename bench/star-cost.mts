// The cost of replacing the star tables in one transaction: on a generated dataset (`npm run gen`),
// after a full ETL, times the five inserts as five concurrent transactions (the way before) and as
// the one transaction the ETL now uses, three rounds each. Usage: npx tsx bench/star-cost.mts <folder>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { insertStarTables, insertStatements, STAR_TABLES } from '../src/workflow/etl.js';
import { openWarehouse } from '../src/workflow/warehouse.js';
import { writeBenchConfig } from './child-process.js';

const dataDir = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'sparkify-star-cost-'));
const { config } = loadConfig(writeBenchConfig(dataDir, dir));
const w = await openWarehouse(config, {});
await w.ensureCluster(() => {});
await w.createTables(() => {});
const s = await w.runEtl(() => {});
console.log('counts', JSON.stringify(s.counts));
const deps = { sql: w.sql, s3: w.clients.s3 };
for (let round = 0; round < 3; round++) {
  let t = Date.now();
  await Promise.all(STAR_TABLES.map((table) => w.sql.executeBatch(insertStatements(table).map((x) => x.sql))));
  const concurrent = Date.now() - t;
  t = Date.now();
  await insertStarTables(deps, () => {}, undefined, `bench-${round}`);
  const oneTx = Date.now() - t;
  console.log(`round ${round}: five concurrent transactions ${concurrent} ms; one transaction ${oneTx} ms`);
}
await w.close();
rmSync(dir, { recursive: true, force: true });
