// Child, diagnostic: the two staging COPYs through the same emulator and Data API, but with nothing
// else running (no source-record count beside them, no progress polling), first one after the other,
// then both at once. The gap to the ETL's COPY times is what the work running beside them costs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { findRole } from '../src/services/iam-role.js';
import { loadStatements } from '../src/workflow/sql-files.js';
import { openWarehouse } from '../src/workflow/warehouse.js';
import { writeBenchConfig, removeBenchFolder } from './child-process.js';

export interface CopyAloneRun {
  eventsAloneMs: number;
  songsAloneMs: number;
  bothAtOnceMs: number;
}

async function main(dataDir: string): Promise<CopyAloneRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-copy-'));
  try {
    const { config } = loadConfig(writeBenchConfig(dataDir, dir));
    const warehouse = await openWarehouse(config, {});
    try {
      await warehouse.ensureCluster(() => {});
      await warehouse.createTables(() => {});
      const roleArn = (await findRole(warehouse.clients.iam, config.dwh.iamRoleName))!.arn;
      const copies = loadStatements('copy_staging.sql', { LOG_DATA: config.s3.logData, LOG_JSONPATH: config.s3.logJsonPath, SONG_DATA: config.s3.songData, S3_REGION: config.s3.region ?? config.aws.region, IAM_ROLE_ARN: roleArn });
      const truncate = () => Promise.all(loadStatements('truncate_staging.sql').map(({ sql }) => warehouse.sql.execute(sql, { label: sql })));
      const timed = async (work: () => Promise<unknown>) => { const t = Date.now(); await work(); return Date.now() - t; };
      const [events, songs] = copies.map(({ sql }) => () => warehouse.sql.execute(sql, { label: 'copy' }));
      const eventsAloneMs = await timed(events);
      const songsAloneMs = await timed(songs);
      await truncate();
      const bothAtOnceMs = await timed(() => Promise.all([events(), songs()]));
      return { eventsAloneMs, songsAloneMs, bothAtOnceMs };
    } finally {
      await warehouse.close();
    }
  } finally {
    await removeBenchFolder(dir);
  }
}

process.stdout.write(JSON.stringify(await main(process.argv[2])) + '\n');
