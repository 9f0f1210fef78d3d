// One Redshift session on a cluster: runs Redshift SQL statements one at a time on its own DuckDB
// connection, translating DDL, COPY and transaction control on the way.
import { redshiftColumnName } from './column-names.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import type { ClusterEngine } from './cluster-engine.js';
import { identifierName, isWord, quoteIdent, quoteString, significant, tokenize } from './sql-tokenizer.js';
import { DdlError, duckDbCreateStatements, identitySequenceName, parseCreateTable, type TableDefinition } from './ddl-rewrite.js';
import { rewriteQuery } from './query-rewrite.js';
import { RedshiftSqlError } from './sql-errors.js';
import { runCopy } from './copy-run.js';
import { SessionSettings } from './session-settings.js';
import { applySearchPath, existingSchemas, isTempTable, resolveSchema } from './search-path.js';
import { runUnload } from './unload.js';
import { likeColumns } from './create-like.js';
import { guardStatement } from './sql-guard.js';
import { isDelimitedCopy, runDelimitedCopy } from './copy-delimited.js';

export interface ResultColumn {
  name: string;
  /** DuckDB type text, e.g. BIGINT, DECIMAL(10,2), VARCHAR. */
  duckType: string;
}

export interface StatementOutcome {
  hasResultSet: boolean;
  columns: ResultColumn[];
  /** Values in JSON-safe form: numbers, strings (bigints, decimals, dates as text), booleans, null. */
  rows: unknown[][];
  /** Rows returned, or rows changed by DML/COPY. */
  rowCount: number;
}

export interface ExecuteContext {
  queryId: number;
  pid: number;
  dbUser: string;
  signal: AbortSignal;
}

export interface SessionDeps {
  engine: ClusterEngine;
  cluster: ClusterView;
  catalog: ClusterCatalog;
  s3Root: string;
}

const EMPTY: StatementOutcome = { hasResultSet: false, columns: [], rows: [], rowCount: 0 };

export class EngineSession {
  inTransaction = false;
  /** SET/SHOW parameters, search_path first among them (session-settings.ts). */
  readonly settings = new SessionSettings();
  private variablesUser?: string;

  private constructor(readonly deps: SessionDeps, readonly conn: DuckDBConnection) {}

  static async open(deps: SessionDeps): Promise<EngineSession> {
    return new EngineSession(deps, await deps.engine.connect());
  }

  close(): void {
    this.conn.closeSync();
  }

  interrupt(): void {
    this.conn.interrupt();
  }

  async begin(): Promise<void> {
    if (this.inTransaction) return; // Redshift only warns: a transaction is already in progress
    await this.conn.run('BEGIN TRANSACTION');
    this.inTransaction = true;
  }

  async commit(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    await this.conn.run('COMMIT');
  }

  async rollback(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    await this.conn.run('ROLLBACK');
  }

  /** Run several DuckDB statements atomically (inside the open transaction, or one of their own). */
  private async atomically(statements: string[]): Promise<void> {
    const own = !this.inTransaction && statements.length > 1;
    if (own) await this.begin();
    try {
      for (const sql of statements) await this.conn.run(sql);
      if (own) await this.commit();
    } catch (err) {
      if (own) await this.rollback().catch(() => undefined);
      throw err;
    }
  }

  /** Run one Redshift SQL statement (no trailing semicolon). */
  execute(sql: string, ctx: ExecuteContext): Promise<StatementOutcome> {
    return this.deps.engine.whileRunning(() => this.executeNow(sql, ctx));
  }

  private async executeNow(sql: string, ctx: ExecuteContext): Promise<StatementOutcome> {
    guardStatement(sql); // Redshift SQL only: no DuckDB file, settings or extension features (sql-guard.ts)
    const tokens = tokenize(sql);
    const sig = significant(tokens);
    const first = sig[0];
    if (isWord(first, 'BEGIN') || (isWord(first, 'START') && isWord(sig[1], 'TRANSACTION'))) { await this.begin(); return EMPTY; }
    if (isWord(first, 'COMMIT', 'END')) { await this.commit(); return EMPTY; }
    if (isWord(first, 'ROLLBACK', 'ABORT')) { await this.rollback(); return EMPTY; }
    if (isWord(first, 'ANALYZE', 'VACUUM')) return EMPTY; // storage maintenance: nothing to do in DuckDB
    // Session state: SET/RESET/SHOW and the variables behind current_user and pg_last_copy_*.
    await this.setSessionVariables(ctx.dbUser);
    if (isWord(first, 'SET', 'RESET') && !isWord(sig[1], 'TRANSACTION', 'SESSION') || isWord(first, 'SET') && isWord(sig[1], 'SESSION') && !isWord(sig[2], 'AUTHORIZATION', 'CHARACTERISTICS')) {
      if (this.settings.apply(sig) === 'search_path') await applySearchPath(this.conn, this.settings, ctx.dbUser);
      return EMPTY;
    }
    if (isWord(first, 'SHOW')) {
      const { name, value } = this.settings.show(sig);
      return { hasResultSet: true, columns: [{ name, duckType: 'VARCHAR' }], rows: [[value]], rowCount: 1 };
    }
    if (isWord(first, 'UNLOAD')) return runUnload(this, sql, ctx);
    if (isWord(first, 'COPY')) return this.copy(sig, sql, ctx);
    if (isWord(first, 'CREATE') && sig.slice(1, 4).some((t) => isWord(t, 'TABLE'))) {
      return this.createTable(tokens, ctx.dbUser);
    }
    if (isWord(first, 'DROP') && isWord(sig[1], 'TABLE')) return this.dropTables(sig, ctx.dbUser);
    const outcome = await this.query(rewriteQuery(sql));
    if (isWord(first, 'CREATE', 'DROP') && isWord(sig[1], 'SCHEMA')) await applySearchPath(this.conn, this.settings, ctx.dbUser);
    return outcome;
  }

  /** The connection's variables read by the stand-in functions in engine-setup.ts. */
  private async setSessionVariables(dbUser: string): Promise<void> {
    if (this.variablesUser === dbUser) return;
    await this.conn.run(`SET VARIABLE sparkify_db_user = ${quoteString(dbUser)}`);
    await this.conn.run(`SET VARIABLE sparkify_database = ${quoteString(this.deps.cluster.dbName)}`);
    this.variablesUser = dbUser;
  }

  /** COPY into the search_path's table; pg_last_copy_id()/pg_last_copy_count() remember it, failed or not. */
  private async copy(sig: ReturnType<typeof significant>, sql: string, ctx: ExecuteContext): Promise<StatementOutcome> {
    let target = sig;
    if (sig[1] && sig[2]?.text !== '.') {
      const schema = await resolveSchema(this.conn, this.settings, identifierName(sig[1]), ctx.dbUser);
      if (schema) target = [sig[0], { kind: 'quoted-ident', text: quoteIdent(schema) }, { kind: 'punct', text: '.' }, ...sig.slice(1)];
    }
    let loaded = 0;
    try {
      // CSV / delimited text has its own loader (copy-delimited.ts); JSON goes to the COPY engine.
      loaded = isDelimitedCopy(target) ? await runDelimitedCopy(this, target, ctx) : await runCopy(this, target, sql, ctx);
      return { ...EMPTY, rowCount: loaded };
    } finally {
      await this.conn.run(`SET VARIABLE sparkify_last_copy_id = ${ctx.queryId}`).catch(() => undefined);
      await this.conn.run(`SET VARIABLE sparkify_last_copy_count = ${loaded}`).catch(() => undefined);
    }
  }

  async query(duckSql: string): Promise<StatementOutcome> {
    const reader = await this.conn.runAndReadAll(duckSql);
    const names = reader.columnNames().map(redshiftColumnName);
    const types = reader.columnTypes().map((t) => t.toString());
    // DuckDB reports DML as a one-column "Count" result; Redshift has no result set for it.
    if (reader.returnType !== 3 /* duckdb.ResultType.QUERY_RESULT */) {
      return { ...EMPTY, rowCount: Number(reader.rowsChanged ?? 0) };
    }
    const rows = reader.getRowsJson() as unknown[][];
    return { hasResultSet: true, columns: names.map((name, i) => ({ name, duckType: types[i] })), rows, rowCount: rows.length };
  }

  private async tableExists(schema: string, name: string): Promise<boolean> {
    const r = await this.conn.runAndReadAll(
      `SELECT 1 FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2 UNION ALL SELECT 1 FROM duckdb_views() WHERE schema_name = $1 AND view_name = $2`,
      [schema, name],
    );
    return r.currentRowCount > 0;
  }

  private async createTable(tokens: ReturnType<typeof tokenize>, dbUser: string): Promise<StatementOutcome> {
    let def: TableDefinition;
    try {
      def = parseCreateTable(tokens);
    } catch (err) {
      if (err instanceof DdlError) throw new RedshiftSqlError(err.message);
      throw err;
    }
    if (!def.qualified && !def.temporary) {
      const [schema] = await existingSchemas(this.conn, this.settings, dbUser);
      if (!schema) throw new RedshiftSqlError('no schema has been selected to create in');
      def.schema = schema;
    }
    if (def.like) {
      const parentSchema = def.like.schema ?? (await resolveSchema(this.conn, this.settings, def.like.name, dbUser)) ?? 'public';
      await likeColumns(this.conn, def, parentSchema);
    }
    if (!def.temporary && (await this.tableExists(def.schema, def.name))) {
      if (def.ifNotExists) return EMPTY;
      throw new RedshiftSqlError(`relation "${def.name}" already exists`);
    }
    const statements = duckDbCreateStatements(def);
    if (!def.temporary) statements.push(...this.catalogInserts(def));
    await this.atomically(statements);
    return EMPTY;
  }

  private catalogInserts(def: TableDefinition): string[] {
    const del = `DELETE FROM main.sparkify_table_catalog WHERE schema_name = ${quoteString(def.schema)} AND table_name = ${quoteString(def.name)}`;
    if (def.columns.length === 0) return [del];
    const values = def.columns.map((c, i) => {
      const v = [def.schema, def.name, c.name, i + 1, c.redshiftType, c.maxBytes ?? null, c.encode ?? null,
        c.identity ? identitySequenceName(def, c.name) : null, def.diststyle, def.distkey ?? null,
        def.sortkeys.join(','), def.sortkeyStyle];
      return `(${v.map((x) => (x === null ? 'NULL' : typeof x === 'number' ? String(x) : quoteString(x))).join(', ')})`;
    });
    return [del, `INSERT INTO main.sparkify_table_catalog VALUES ${values.join(', ')}`];
  }

  private async dropTables(sig: ReturnType<typeof significant>, dbUser: string): Promise<StatementOutcome> {
    let i = 2;
    let ifExists = false;
    if (isWord(sig[i], 'IF') && isWord(sig[i + 1], 'EXISTS')) { ifExists = true; i += 2; }
    const names: { schema?: string; name: string }[] = [];
    while (i < sig.length && !isWord(sig[i], 'CASCADE', 'RESTRICT')) {
      let schema: string | undefined;
      let name = identifierName(sig[i]);
      if (sig[i + 1]?.text === '.') { schema = name; name = identifierName(sig[i + 2]); i += 2; }
      names.push({ schema, name });
      i += sig[i + 1]?.text === ',' ? 2 : 1;
    }
    const statements: string[] = [];
    for (const { schema: qualified, name } of names) {
      // Unqualified: a temporary table first, then the search_path, as Redshift resolves names.
      if (!qualified && (await isTempTable(this.conn, name))) { statements.push(`DROP TABLE temp.main.${quoteIdent(name)}`); continue; }
      const schema = qualified ?? (await resolveSchema(this.conn, this.settings, name, dbUser)) ?? 'public';
      if (!(await this.tableExists(schema, name))) {
        if (ifExists) continue;
        throw new RedshiftSqlError(`Table "${name}" does not exist`);
      }
      const seqs = await this.conn.runAndReadAll(
        `SELECT identity_sequence FROM main.sparkify_table_catalog WHERE schema_name = $1 AND table_name = $2 AND identity_sequence IS NOT NULL`,
        [schema, name],
      );
      statements.push(`DROP TABLE ${quoteIdent(schema)}.${quoteIdent(name)}`);
      for (const [seq] of seqs.getRows()) statements.push(`DROP SEQUENCE IF EXISTS ${quoteIdent(schema)}.${quoteIdent(String(seq))}`);
      statements.push(`DELETE FROM main.sparkify_table_catalog WHERE schema_name = ${quoteString(schema)} AND table_name = ${quoteString(name)}`);
    }
    await this.atomically(statements);
    return EMPTY;
  }
}
