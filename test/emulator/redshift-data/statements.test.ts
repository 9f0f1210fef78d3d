import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, ROLE, type Harness } from './data-api-harness.js';
import { StatementStore } from '../../../src/emulator/redshift-data/statement-store.js';
import { blankRecord } from '../../../src/emulator/redshift-data/new-statement.js';

const base = { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser' };

describe('Redshift Data statements', () => {
  let h: Harness;
  beforeEach(() => { h = createHarness(); });
  afterEach(async () => h.close());

  it('returns an Id at once and walks SUBMITTED → … → FINISHED with query id, duration and epoch-second times', async () => {
    const r = (await h.service.handle('ExecuteStatement', { ...base, Sql: 'SELECT 1 AS one' })) as Record<string, any>;
    expect(typeof r.Id).toBe('string');
    expect(typeof r.CreatedAt).toBe('number');
    const d = await h.wait(r.Id);
    expect(d).toMatchObject({ Status: 'FINISHED', HasResultSet: true, ResultRows: 1, QueryString: 'SELECT 1 AS one' });
    expect(d.RedshiftQueryId).toBeGreaterThan(1000);
    expect(d.Duration).toBeGreaterThan(0);
    expect(d.UpdatedAt).toBeGreaterThanOrEqual(d.CreatedAt);
    expect(d.CreatedAt).toBeLessThan(Date.now() / 1000 + 1);
  });

  it('gives typed fields and Redshift column metadata', async () => {
    const d = await h.run(`SELECT 1::int4 AS i, 2::bigint AS b, 1.5::float8 AS f, 12.30::numeric(10,2) AS n, 'x'::varchar AS s,
      true AS t, NULL::int AS z, '2018-11-01'::date AS d, '2018-11-01 10:00:00'::timestamp AS ts`);
    const r = (await h.service.handle('GetStatementResult', { Id: d.Id })) as Record<string, any>;
    expect(r.Records[0]).toEqual([{ longValue: 1 }, { longValue: 2 }, { doubleValue: 1.5 }, { stringValue: '12.30' }, { stringValue: 'x' },
      { booleanValue: true }, { isNull: true }, { stringValue: '2018-11-01' }, { stringValue: '2018-11-01 10:00:00' }]);
    expect(r.ColumnMetadata.map((c: any) => c.typeName)).toEqual(['int4', 'int8', 'float8', 'numeric', 'varchar', 'bool', 'int4', 'date', 'timestamp']);
    expect(r.ColumnMetadata[3]).toMatchObject({ precision: 10, scale: 2, name: 'n', label: 'n' });
    expect(r.TotalNumRows).toBe(1);
  });

  it('types an integer SUM as Redshift does: int8, a longValue', async () => {
    const d = await h.run(`SELECT SUM(x) AS total FROM (VALUES (1), (2), (3)) v(x)`);
    const r = (await h.service.handle('GetStatementResult', { Id: d.Id })) as Record<string, any>;
    expect(r.Records[0]).toEqual([{ longValue: 6 }]);
    expect(r.ColumnMetadata[0]).toMatchObject({ name: 'total', typeName: 'int8' });
  });

  it('pages results with NextToken', async () => {
    const rows = await h.rows('SELECT range AS n FROM range(2500)');
    expect(rows).toHaveLength(2500);
    const d = await h.run('SELECT range AS n FROM range(2500)');
    const first = (await h.service.handle('GetStatementResult', { Id: d.Id })) as Record<string, any>;
    expect(first.Records).toHaveLength(1000);
    expect(first.TotalNumRows).toBe(2500);
    expect(first.NextToken).toBeTruthy();
  });

  it('reports SQL errors as FAILED, and refuses several statements in one ExecuteStatement', async () => {
    expect((await h.run('SELECT * FROM missing')).Error).toBe('ERROR: relation "missing" does not exist');
    expect((await h.run('SELECT 1; SELECT 2')).Error).toBe('ERROR: cannot insert multiple commands into a prepared statement');
  });

  it('runs a batch serially in one transaction and rolls back on failure', async () => {
    const ok = (await h.service.handle('BatchExecuteStatement', { ...base, Sqls: ['CREATE TABLE a (x INT)', 'INSERT INTO a VALUES (1)', 'SELECT x FROM a'] })) as { Id: string };
    const d = await h.wait(ok.Id);
    expect(d.Status).toBe('FINISHED');
    expect(d.SubStatements.map((s: any) => [s.Id, s.Status])).toEqual([[`${ok.Id}:1`, 'FINISHED'], [`${ok.Id}:2`, 'FINISHED'], [`${ok.Id}:3`, 'FINISHED']]);
    const sub = (await h.service.handle('GetStatementResult', { Id: `${ok.Id}:3` })) as Record<string, any>;
    expect(sub.Records).toEqual([[{ longValue: 1 }]]);
    const bad = (await h.service.handle('BatchExecuteStatement', { ...base, Sqls: ['INSERT INTO a VALUES (2)', 'INSERT INTO nope VALUES (1)', 'INSERT INTO a VALUES (3)'] })) as { Id: string };
    const b = await h.wait(bad.Id);
    expect(b.Status).toBe('FAILED');
    expect(b.Error).toBe('ERROR: relation "nope" does not exist');
    expect(b.SubStatements.map((s: any) => s.Status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
    expect(await h.rows('SELECT x FROM a ORDER BY x')).toEqual([{ x: 1 }]);
  });

  it('is idempotent by ClientToken', async () => {
    const a = (await h.service.handle('ExecuteStatement', { ...base, Sql: 'SELECT 1', ClientToken: 'tok-1' })) as { Id: string };
    const b = (await h.service.handle('ExecuteStatement', { ...base, Sql: 'SELECT 1', ClientToken: 'tok-1' })) as { Id: string };
    expect(b.Id).toBe(a.Id);
  });

  it('answers API errors: missing cluster, cluster not available, unknown id, result of a statement without one', async () => {
    await expect(h.service.handle('ExecuteStatement', { ...base, ClusterIdentifier: 'nope', Sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'ValidationException' });
    h.cluster.status = 'creating';
    await expect(h.service.handle('ExecuteStatement', { ...base, Sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'ValidationException' });
    h.cluster.status = 'available';
    await expect(h.service.handle('DescribeStatement', { Id: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(h.service.handle('DescribeStatement', { Id: 'nope' })).rejects.toMatchObject({ code: 'ValidationException' });
    const d = await h.run('CREATE TABLE q (x int)');
    await expect(h.service.handle('GetStatementResult', { Id: d.Id })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    const wrongDb = await h.wait(((await h.service.handle('ExecuteStatement', { ...base, Database: 'other', Sql: 'SELECT 1' })) as { Id: string }).Id);
    expect(wrongDb).toMatchObject({ Status: 'FAILED', Error: 'FATAL: database "other" does not exist' });
  });

  it('cancels a running statement and lists statements newest first', async () => {
    const id = await h.start('SELECT count(*) FROM range(3000000000) a', { StatementName: 'slow' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.service.handle('CancelStatement', { Id: id })).toEqual({ Status: true });
    expect((await h.wait(id)).Status).toBe('ABORTED');
    await expect(h.service.handle('CancelStatement', { Id: id })).rejects.toMatchObject({ code: 'ValidationException' });
    const list = (await h.service.handle('ListStatements', { StatementName: 'slow' })) as Record<string, any>;
    expect(list.Statements.map((s: any) => [s.Id, s.Status])).toEqual([[id, 'ABORTED']]);
  });

  it('shows a running COPY in SYS_LOAD_HISTORY from another statement', async () => {
    await h.run('CREATE TABLE ev (id INT, s VARCHAR)');
    for (let f = 0; f < 30; f++) h.put(`big/part-${String(f).padStart(2, '0')}.json`, Array.from({ length: 20000 }, (_, i) => `{"id":${i},"s":"row ${i} of file ${f}"}`).join('\n'));
    const id = await h.start(`COPY ev FROM 's3://bucket/big/' IAM_ROLE '${ROLE}' FORMAT AS JSON 'auto'`);
    let qid = 0;
    const seen: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const d = (await h.service.handle('DescribeStatement', { Id: id })) as Record<string, any>;
      qid = d.RedshiftQueryId;
      if (qid) {
        const [row] = await h.rows(`SELECT status, source_file_count, file_count_scanned, loaded_rows FROM sys_load_history WHERE query_id = ${qid}`);
        if (row) seen.push(`${row.status}:${row.file_count_scanned}/${row.source_file_count}`);
      }
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen.some((s) => s.startsWith('running:'))).toBe(true);
    const [done] = await h.rows(`SELECT status, file_count_scanned, loaded_rows FROM SYS_LOAD_HISTORY WHERE query_id = ${qid}`);
    expect(done).toEqual({ status: 'completed', file_count_scanned: 30, loaded_rows: 600000 });
    expect(await h.rows(`SELECT count(*) AS n FROM sys_load_detail WHERE query_id = ${qid}`)).toEqual([{ n: 30 }]);
  });

  it('browses databases, schemas, tables and columns', async () => {
    await h.run('CREATE TABLE songs (song_id VARCHAR(18) NOT NULL, year INT)');
    expect(await h.service.handle('ListDatabases', base)).toMatchObject({ Databases: ['dwh'] });
    expect(((await h.service.handle('ListSchemas', base)) as any).Schemas).toContain('public');
    expect(((await h.service.handle('ListTables', { ...base, SchemaPattern: 'public' })) as any).Tables).toEqual([{ schema: 'public', name: 'songs', type: 'TABLE' }]);
    const t = (await h.service.handle('DescribeTable', { ...base, Schema: 'public', Table: 'songs' })) as any;
    expect(t.ColumnList.map((c: any) => [c.name, c.typeName, c.length, c.nullable])).toEqual([['song_id', 'varchar', 18, 0], ['year', 'int4', 0, 1]]);
  });
});

describe('statement store', () => {
  it('stays bounded under thousands of finished statements', () => {
    const store = new StatementStore(100);
    for (let i = 0; i < 5000; i++) {
      const r = blankRecord({ id: `s${i}`, clusterIdentifier: 'c', database: 'd', queryString: 'SELECT 1' });
      r.status = 'FINISHED';
      store.add(r, `tok${i}`);
    }
    expect(store.size).toBe(100);
    expect(store.get('s4999')).toBeDefined();
    expect(store.get('s0')).toBeUndefined();
  });
});
