// The local cluster's PostgreSQL endpoint, reached as a user would: the address and port
// DescribeClusters reports, the master password from the managed secret (Secrets Manager), then
// psql and node-postgres. The same engine as the Data API answers: tables, counts, Redshift errors
// with SQLSTATEs, per-connection transactions, cancel, and the catalog psql and Redshift users query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { loadedCluster, psql, type LoadedCluster } from './pg-helpers.js';

describe('the PostgreSQL endpoint of a loaded local cluster', () => {
  let cluster: LoadedCluster;
  const clients: pg.Client[] = [];
  const connect = async (overrides: Partial<pg.ClientConfig> = {}) => {
    const c = cluster.connection;
    const client = new pg.Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, ...overrides });
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    cluster = await loadedCluster();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await cluster?.close();
  });

  it('is where DescribeClusters says: 127.0.0.1 and a port that answers', () => {
    expect(cluster.connection.host).toBe('127.0.0.1');
    expect(cluster.connection.port).toBeGreaterThan(0);
    expect(cluster.connection.user).toBe('sparkify_admin');
    expect(cluster.connection.password).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('psql: \\dt lists the seven tables, \\dn the public schema, \\d songplays its columns; the count is 6820', async () => {
    const dt = await psql(cluster.connection, ['-c', '\\dt']);
    expect(dt.code, dt.stderr).toBe(0);
    const tables = [...dt.stdout.matchAll(/^\s*public\s*\|\s*(\w+)\s*\|\s*table/gm)].map((m) => m[1]);
    // The seven tables, and the record of the load the star tables hold (sparkify_load, written with them).
    expect(tables).toEqual(['artists', 'songplays', 'songs', 'sparkify_load', 'staging_events', 'staging_songs', 'time', 'users']);
    const dn = await psql(cluster.connection, ['-c', '\\dn']);
    expect(dn.code, dn.stderr).toBe(0);
    expect(dn.stdout).toMatch(/^\s*public\s*\|\s*sparkify_admin/m);
    expect(dn.stdout).not.toMatch(/\bmain\b/);
    const d = await psql(cluster.connection, ['-c', '\\d songplays']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/Table "public\.songplays"/);
    expect(d.stdout).toMatch(/start_time\s*\|\s*timestamp without time zone\s*\|\s*\|\s*not null/);
    expect(d.stdout).toMatch(/user_agent\s*\|\s*character varying\(1024\)/);
    const count = await psql(cluster.connection, ['-At', '-c', 'select count(*) from songplays']);
    expect(count.stdout.trim()).toBe('6820');
  });

  it('psql: a failing statement is an ERROR with Redshift’s message and exit code 1', async () => {
    const failed = await psql(cluster.connection, ['-c', 'select * from no_such_table']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/ERROR:\s+relation "no_such_table" does not exist/);
  });

  it('node-postgres: counts over the simple and the extended protocol', async () => {
    const client = await connect();
    expect((await client.query('select count(*) as n from songplays')).rows).toEqual([{ n: '6820' }]);
    const paid = await client.query('select count(*) as n from users where level = $1', ['paid']);
    expect(paid.rows).toEqual([{ n: '22' }]);
    const typed = await client.query('select user_id, first_name from users where user_id = $1', [15]);
    expect(typed.rows).toHaveLength(1);
    expect(typed.fields.map((f) => f.name)).toEqual(['user_id', 'first_name']);
    expect(typeof typed.rows[0].user_id).toBe('number'); // int4 in the RowDescription
  });

  it('node-postgres: failures are ErrorResponses with SQLSTATEs, and the connection goes on', async () => {
    const client = await connect();
    const codeOf = (sql: string, values?: unknown[]) => client.query(sql, values).then(() => 'no error', (err: { code?: string }) => err.code);
    expect(await codeOf('select * from no_such_table')).toBe('42P01');
    expect(await codeOf('selec 1')).toBe('42601');
    expect(await codeOf("select 'abc'::integer")).toBe('22P02');
    expect(await codeOf('select * from no_such_table where a = $1', [1])).toBe('42P01');
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('password: a wrong one is refused with 28P01', async () => {
    const c = cluster.connection;
    const client = new pg.Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: 'wrong' });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('transactions are per connection: uncommitted work is invisible elsewhere, and a rollback leaves nothing', async () => {
    const a = await connect();
    const b = await connect();
    await a.query('begin');
    await a.query('delete from songplays');
    await a.query('create table rollback_probe (id integer)');
    await a.query('insert into rollback_probe values (1), (2)');
    expect((await a.query('select count(*) as n from songplays')).rows).toEqual([{ n: '0' }]);
    expect((await b.query('select count(*) as n from songplays')).rows).toEqual([{ n: '6820' }]);
    await a.query('rollback');
    expect((await a.query('select count(*) as n from songplays')).rows).toEqual([{ n: '6820' }]);
    await expect(b.query('select * from rollback_probe')).rejects.toMatchObject({ code: '42P01' });
    // An error inside a transaction aborts it until ROLLBACK, as in PostgreSQL and Redshift.
    await a.query('begin');
    await expect(a.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(a.query('select 1')).rejects.toMatchObject({ code: '25P02' });
    await a.query('rollback');
    expect((await a.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('cancel: Ctrl-C in psql cancels the running statement (CancelRequest) with 57014', async () => {
    const c = cluster.connection;
    const child = spawn('psql', ['-h', c.host, '-p', String(c.port), '-U', c.user, '-d', c.database, '-X', '-c', 'select count(*) from range(100000000000) a'], {
      env: { ...process.env, PGPASSWORD: c.password },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Interrupt until psql ends: a SIGINT before the statement runs is ignored by psql's connect.
    const deadline = Date.now() + 30_000;
    let cancelled = false;
    while (!cancelled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 1_000))]);
      cancelled = code !== 'running';
    }
    expect(stderr).toMatch(/canceling statement due to user request/);
  });

  it('pg_table_def: Redshift’s columns view, with distkey, sortkey and not null', async () => {
    const client = await connect();
    const { rows } = await client.query(`select "column", type, encoding, distkey, sortkey, "notnull" from pg_table_def where tablename = 'songplays' order by sortkey desc, "column" limit 2`);
    expect(rows[0]).toEqual({ column: 'start_time', type: 'timestamp without time zone', encoding: 'none', distkey: true, sortkey: 1, notnull: true });
  });
});

describe('a PostgreSQL client of a cluster that is deleted', () => {
  it('is disconnected, and the cluster database is gone', async () => {
    const cluster = await loadedCluster({ etl: false });
    try {
      const c = cluster.connection;
      const client = new pg.Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password });
      await client.connect();
      const ended = new Promise<void>((resolve) => client.on('error', () => resolve()).on('end', () => resolve()));
      await client.query('begin');
      await client.query('select count(*) from songplays');
      await cluster.warehouse.teardown({}, () => {});
      await ended;
      const again = new pg.Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password });
      await expect(again.connect()).rejects.toMatchObject({ code: '3D000' });
    } finally {
      await cluster.close();
    }
  });
});
