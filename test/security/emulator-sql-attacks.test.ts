// SQL sent through the Data API reaches only the cluster's own database: no host file read or
// written, no engine setting changed, no extension or network fetch. Each statement is sent raw
// over HTTP, as a local attacker would, and must fail the way Redshift fails (FAILED, "ERROR: …").
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterEngine } from '../../src/emulator/engine/cluster-engine.js';
import { guardStatement } from '../../src/emulator/engine/sql-guard.js';
import { splitStatements } from '../../src/emulator/engine/sql-tokenizer.js';
import { makeTestDirs } from '../emulator/control-plane/helpers.js';
import { PROJECT_ROOT } from '../helpers/workspace.js';
import { openAttackTarget, type AttackTarget } from './attack-kit.js';

const SECRET = 'HOST-SECRET-7f3a9c';

describe('SQL through the Data API reaches only the cluster', () => {
  let t: AttackTarget;
  let outside: string;
  beforeAll(async () => {
    t = await openAttackTarget();
    outside = join(t.dirs.root, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.csv'), `token\n${SECRET}\n`);
    writeFileSync(join(outside, 'secret.json'), JSON.stringify({ token: SECRET }));
    mkdirSync(join(t.dirs.s3Root, 'data'), { recursive: true });
    writeFileSync(join(t.dirs.s3Root, 'data', 'rows.json'), '{"n": 1}\n{"n": 2}\n');
    expect((await t.sql('CREATE TABLE loaded (n INTEGER)')).Status).toBe('FINISHED');
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  async function expectRefused(statement: string, error: RegExp): Promise<void> {
    const outcome = await t.sql(statement);
    expect(outcome.Status, statement).toBe('FAILED');
    expect(outcome.Error, statement).toMatch(/^ERROR: /);
    expect(outcome.Error, statement).toMatch(error);
    expect(outcome.Error, statement).not.toContain(SECRET);
  }

  it('reads no host file: read_* functions, glob, replacement scans, the state file', async () => {
    await expectRefused(`select content from read_text('/etc/hostname')`, /function read_text\(unknown\) does not exist/);
    await expectRefused(`select * from read_csv('${outside}/secret.csv')`, /function read_csv\(unknown\) does not exist/);
    await expectRefused(`select * from glob('${outside}/*')`, /function glob\(unknown\) does not exist/);
    await expectRefused(`select * from read_json_objects('${t.dirs.stateDir}/emulator-state.json')`, /function read_json_objects\(unknown\) does not exist/);
    await expectRefused(`SELECT * FROM "READ_TEXT"('${outside}/secret.csv')`, /function read_text\(unknown\) does not exist/);
    await expectRefused(`select * from '${outside}/secret.csv'`, /syntax error at or near/);
    await expectRefused(`select * from "${outside}/secret.json"`, /relation ".*secret.json" does not exist/);
    // Even the folder COPY may read is out of reach for plain SQL.
    await expectRefused(`select * from '${t.dirs.s3Root}/data/rows.json'`, /syntax error at or near/);
    await expectRefused(`select * from query('select * from read_text(''/etc/hostname'')')`, /function query\(unknown\) does not exist/);
    await expectRefused(`DELETE FROM loaded USING '${outside}/secret.csv' s`, /syntax error at or near/);
    await expectRefused(`select * from (values (1)) v(x), '${outside}/secret.csv'`, /syntax error at or near/);
    await expectRefused(`select * from only '${outside}/secret.csv'`, /syntax error at or near/);
    // DuckDB joins the parts of a qualified name into one file name.
    await expectRefused(`select * from "${outside}/secret"."csv"`, /relation ".*secret" does not exist/);
    await expectRefused(`select * from loaded where n in ((select 1) union all from '${outside}/secret.csv')`, /syntax error at or near/);
  });

  it('hides no call from the guard where DuckDB lexes differently: nested comments, CR-ended line comments, non-ASCII dollar quotes', async () => {
    await expectRefused(`select 1 /* /* */ ' */ , content from read_text('${outside}/secret.csv') --'`, /syntax error at or near "\/\*"/);
    await expectRefused(`select 1 -- note\r, content from read_text('${outside}/secret.csv')`, /syntax error at or near "--"/);
    await expectRefused(`select $é$ ' $é$, content from read_text('${outside}/secret.csv') --'`, /syntax error at or near "\$"/);
    expect((await t.sql(`select 1 /* a comment */ + 1 -- and one more\r\n`)).rows).toEqual([[2]]);
  });

  it('writes no host file: ATTACH, EXPORT DATABASE, COPY … TO', async () => {
    const attached = join(t.dirs.root, 'attached.duckdb');
    await expectRefused(`ATTACH '${attached}' AS x`, /syntax error at or near "ATTACH"/);
    await expectRefused(`EXPORT DATABASE '${join(t.dirs.root, 'dump')}'`, /syntax error at or near "EXPORT"/);
    await expectRefused(`COPY (select 1) TO '${join(t.dirs.root, 'out.csv')}'`, /syntax error at or near "\("/);
    await expectRefused(`COPY loaded TO '${join(t.dirs.root, 'out.csv')}'`, /syntax error at or near "TO"/);
    expect(existsSync(attached)).toBe(false);
    expect(existsSync(join(t.dirs.root, 'dump'))).toBe(false);
    expect(existsSync(join(t.dirs.root, 'out.csv'))).toBe(false);
  });

  it('hides nothing in UNLOAD: its quoted query gets the same checks, as one statement', async () => {
    const role = 'arn:aws:iam::123456789012:role/none';
    await expectRefused(`UNLOAD ('select content from read_text(''/etc/hostname'')') TO 's3://data/out/' IAM_ROLE '${role}'`, /function read_text\(unknown\) does not exist/);
    await expectRefused(`UNLOAD ('select * from \\'${outside}/secret.csv\\'') TO 's3://data/out/' IAM_ROLE '${role}'`, /syntax error at or near/);
    await expectRefused(`UNLOAD ('select 1; ATTACH ''${join(t.dirs.root, 'u.duckdb')}''') TO 's3://data/out/' IAM_ROLE '${role}'`, /syntax error at or near/);
    await expectRefused(`UNLOAD ('select 1) TO ''${join(t.dirs.root, 'u.csv')}'' (FORMAT csv); COPY (select 1') TO 's3://data/out/' IAM_ROLE '${role}'`, /syntax error/);
    expect(existsSync(join(t.dirs.root, 'u.duckdb'))).toBe(false);
    expect(existsSync(join(t.dirs.root, 'u.csv'))).toBe(false);
  });

  it('changes no engine setting, and COPY still works afterwards', async () => {
    await expectRefused(`SET memory_limit = '100GB'`, /unrecognized configuration parameter "memory_limit"/);
    await expectRefused(`SET enable_external_access = false`, /unrecognized configuration parameter "enable_external_access"/);
    await expectRefused(`RESET lock_configuration`, /unrecognized configuration parameter/);
    await expectRefused(`PRAGMA enable_profiling`, /syntax error at or near "PRAGMA"/);
    await expectRefused(`select current_setting('memory_limit')`, /unrecognized configuration parameter "memory_limit"/);
    await expectRefused(`CREATE MACRO getdate() AS 1`, /syntax error at or near "MACRO"/);
    const copy = await t.sql(`COPY loaded FROM 's3://data/rows.json' IAM_ROLE '${t.roleArn}' FORMAT AS JSON 'auto'`);
    expect(copy).toMatchObject({ Status: 'FINISHED' });
    expect((await t.sql('select count(*) from loaded')).rows).toEqual([[2]]);
  });

  it('installs and loads nothing, fetches nothing over the network', async () => {
    await expectRefused(`INSTALL httpfs`, /syntax error at or near "INSTALL"/);
    await expectRefused(`LOAD httpfs`, /syntax error at or near "LOAD"/);
    await expectRefused(`select * from read_csv('http://127.0.0.1:${t.emulator.port}/data/rows.json')`, /function read_csv\(unknown\) does not exist/);
  });

  it('keeps Redshift SQL working: search_path, current_setting of it, a query over system tables', async () => {
    expect((await t.sql(`SET search_path TO public`)).Status).toBe('FINISHED');
    expect((await t.sql(`select count(*) from stl_load_errors`)).Status).toBe('FINISHED');
    expect((await t.sql(`select extract(year from '2018-11-01'::date), trim(both 'x' from 'xax')`)).rows).toEqual([[2018, 'a']]);
  });
});

describe('the statement guard and the engine lockdown underneath it', () => {
  it('lets every statement of sql/ and sql/analytics/ through', () => {
    const folders = [join(PROJECT_ROOT, 'sql'), join(PROJECT_ROOT, 'sql/analytics')];
    const statements = folders.flatMap((folder) => readdirSync(folder).filter((f) => f.endsWith('.sql')).flatMap((f) => splitStatements(readFileSync(join(folder, f), 'utf8'))));
    expect(statements.length).toBeGreaterThan(30);
    for (const statement of statements) expect(() => guardStatement(statement), statement).not.toThrow();
  });

  it('denies every DuckDB table function, table macro and pragma but range, generate_series, unnest, repeat (and version, a pragma and Redshift\'s scalar)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const reader = await conn.runAndReadAll(`SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro', 'pragma')`);
    conn.closeSync();
    instance.closeSync();
    const names = reader.getRows().map(([name]) => String(name)).filter((name) => !['range', 'generate_series', 'unnest', 'repeat', 'version'].includes(name));
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) expect(() => guardStatement(`select * from ${name}('x')`), name).toThrow(/does not exist/);
  });

  it('a locked engine refuses host files outside S3_ROOT, setting changes and extension installs even without the guard', async () => {
    const dirs = makeTestDirs();
    mkdirSync(dirs.s3Root, { recursive: true });
    writeFileSync(join(dirs.root, 'secret.csv'), `token\n${SECRET}\n`);
    const engine = await ClusterEngine.open('locked', join(dirs.stateDir, 'clusters', 'locked.duckdb'), { s3Root: dirs.s3Root });
    const conn = await engine.connect();
    try {
      const failure = (sql: string) => conn.run(sql).then(() => 'ran', (err: Error) => err.message);
      expect(await failure(`select * from read_csv('${join(dirs.root, 'secret.csv')}')`)).toMatch(/file system operations are disabled/);
      expect(await failure(`ATTACH '${join(dirs.root, 'x.duckdb')}'`)).toMatch(/file system operations are disabled/);
      expect(await failure(`SET memory_limit = '100GB'`)).toMatch(/configuration has been locked/);
      expect(await failure(`SET enable_external_access = true`)).toMatch(/configuration has been locked/);
      expect(await failure(`INSTALL httpfs`)).not.toBe('ran');
      // The session defaults still hold on a fresh connection: integer division, UTC, public first.
      const reader = await conn.runAndReadAll(`SELECT 7 / 2, current_setting('TimeZone'), current_setting('search_path')`);
      expect(reader.getRowsJson()).toEqual([[3, 'UTC', 'public,main']]);
    } finally {
      conn.closeSync();
      await engine.close();
      dirs.remove();
    }
  });
});
