// What user SQL may ask of DuckDB: Redshift SQL only. DuckDB behind a cluster can read and write
// host files (read_text, ATTACH, EXPORT, `FROM '/etc/passwd'`), change the engine for everyone
// (SET, PRAGMA) and load extensions; Redshift can do none of that, so every user statement (Data
// API and any later endpoint, through EngineSession.execute) is checked here before it runs, and
// anything DuckDB-only fails as Redshift fails for an unknown statement or function. The engine
// lockdown (cluster-engine.ts) stays underneath as a second wall; the emulator's own SQL does not
// come through here. A hand-written token check, because no SQL parser library speaks Redshift.
import { RedshiftSqlError } from './sql-errors.js';
import { identifierName, isWord, significant, splitStatements, tokenize, type Token } from './sql-tokenizer.js';
import { parseUnload } from './unload.js';

/** Statements Redshift has and the emulator runs (anything else is a syntax error at its first word). */
const STATEMENTS = new Set([
  'SELECT', 'WITH', 'VALUES', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'CREATE', 'DROP', 'ALTER',
  'COPY', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'ANALYZE', 'VACUUM', 'SET', 'RESET',
  'EXPLAIN', 'COMMENT', 'GRANT', 'REVOKE', 'UNLOAD', 'SHOW',
]);

/** CREATE / DROP / ALTER of these only: DuckDB's MACRO, FUNCTION, SECRET, TYPE… are not Redshift's. */
const DDL_OBJECTS = new Set(['TABLE', 'VIEW', 'SCHEMA']);
const DDL_MODIFIERS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'LOCAL', 'MATERIALIZED', 'EXTERNAL']);

/** Session settings DuckDB honours for a Redshift session (search_path; the lock leaves it free). */
const SETTABLE = new Set(['search_path']);
/** Redshift settings the emulator cannot honour: said so plainly rather than as unknown. */
const UNHONOURED = new Set(['timezone', 'datestyle', 'statement_timeout', 'query_group', 'enable_result_cache_for_session', 'wlm_query_slot_count', 'extra_float_digits', 'analyze_threshold_percent', 'describe_field_name_in_uppercase', 'enable_case_sensitive_identifier', 'max_concurrency_scaling_clusters', 'json_parse_dot_notation']);
/** What current_setting() may read: the Redshift settings the session has. */
const READABLE = new Set(['search_path', 'timezone']);

/**
 * DuckDB table functions, table macros and pragmas (1.5: `select function_name from duckdb_functions()
 * where function_type in ('table','table_macro','pragma')`): files, settings, extensions, catalog
 * internals, profiling, `query()` (which would run any SQL). A test checks the list against the engine.
 */
const DENIED_FUNCTIONS = new Set([
  'add_parquet_key', 'all_profiling_output', 'arrow_scan', 'arrow_scan_dumb', 'check_peg_parser', 'checkpoint', 'collations',
  'copy_database', 'database_list', 'database_size', 'disable_checkpoint_on_shutdown', 'disable_logging', 'disable_object_cache',
  'disable_optimizer', 'disable_peg_parser', 'disable_print_progress_bar', 'disable_profile', 'disable_profiling', 'disable_progress_bar',
  'disable_verification', 'disable_verify_external', 'disable_verify_fetch_row', 'disable_verify_parallelism', 'disable_verify_serializer',
  'enable_checkpoint_on_shutdown', 'enable_logging', 'enable_object_cache', 'enable_optimizer', 'enable_peg_parser', 'enable_print_progress_bar',
  'enable_profile', 'enable_profiling', 'enable_progress_bar', 'enable_verification', 'extension_versions', 'force_checkpoint', 'functions',
  'glob', 'histogram', 'histogram_values', 'icu_calendar_names', 'import_database', 'json_each', 'json_tree', 'metadata_info',
  'pg_timezone_names', 'platform', 'query', 'query_table', 'repeat_row', 'seq_scan', 'show', 'show_databases', 'show_tables',
  'show_tables_expanded', 'sql_auto_complete', 'storage_info', 'summary', 'table_info', 'test_all_types', 'test_vector_types',
  'truncate_duckdb_logs', 'user_agent', 'verify_external', 'verify_fetch_row', 'verify_parallelism', 'verify_serializer', 'which_secret',
  // scalar functions that read settings or variables, write the engine's log, or stall a connection
  'getvariable', 'write_log', 'sleep_ms', 'parse_duckdb_log_message',
]);
/** Whole families, including functions later DuckDB versions add (read_xlsx, parquet_…, duckdb_…). */
const DENIED_PREFIXES = ['read_', 'parquet_', 'duckdb_', 'pragma_', 'sniff_', 'json_execute', 'iceberg_', 'delta_', 'sqlite_', 'postgres_', 'mysql_', 'load_', 'install_'];

/** DuckDB-only statements that may open a parenthesis (`FROM (DESCRIBE 'x.csv')`). */
const NESTED_STATEMENTS = new Set(['DESCRIBE', 'SUMMARIZE', 'SHOW', 'PIVOT', 'UNPIVOT', 'PIVOT_WIDER', 'PIVOT_LONGER']);
/** Words after which a string names a table to DuckDB (a replacement scan reads the file). */
const TABLE_WORDS = new Set(['FROM', 'JOIN', 'USING', 'ONLY', 'TABLE', 'DESCRIBE', 'SUMMARIZE', 'SHOW', 'PIVOT', 'UNPIVOT']);
/** Clause words that end a FROM list at their depth. */
const FROM_ENDS = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'QUALIFY', 'WINDOW', 'UNION', 'INTERSECT', 'EXCEPT', 'SELECT', 'RETURNING', 'SET', 'FETCH']);
/** A parenthesis whose first word is one of these (or another parenthesis) may hold a query: its FROM names tables. */
const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'FROM']);

const syntaxError = (t: Token | undefined): RedshiftSqlError => new RedshiftSqlError(`syntax error at or near "${t?.text ?? ''}"`);

function isDeniedFunction(name: string): boolean {
  return DENIED_FUNCTIONS.has(name) || DENIED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The index of the `)` closing the `(` at `open`, or the end. */
function closing(sig: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < sig.length; i++) {
    if (sig[i].text === '(') depth++;
    else if (sig[i].text === ')' && --depth === 0) return i;
  }
  return sig.length;
}

/** Redshift names argument types in its message: `function read_text(unknown) does not exist`. */
function argumentTypes(sig: Token[], open: number): string {
  const close = closing(sig, open);
  const args: Token[][] = [];
  let depth = 0;
  let current: Token[] = [];
  for (let i = open + 1; i < close; i++) {
    const t = sig[i];
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.text === ',') { args.push(current); current = []; } else current.push(t);
  }
  if (current.length > 0) args.push(current);
  return args.map((arg) => (arg.length === 1 && arg[0].kind === 'number' ? (arg[0].text.includes('.') ? 'numeric' : 'integer') : 'unknown')).join(', ');
}

function checkStatementWord(sig: Token[]): void {
  const first = sig[0];
  if (first.kind === 'punct' && first.text === '(') return; // (SELECT …) UNION …
  if (first.kind !== 'word' || !STATEMENTS.has(first.text.toUpperCase())) throw syntaxError(first);
  const word = first.text.toUpperCase();
  if (word === 'CREATE' || word === 'DROP' || word === 'ALTER') {
    let i = 1;
    while (sig[i]?.kind === 'word' && DDL_MODIFIERS.has(sig[i].text.toUpperCase())) i++;
    if (!(sig[i]?.kind === 'word' && DDL_OBJECTS.has(sig[i].text.toUpperCase()))) throw syntaxError(sig[i]);
  }
  if (word === 'SET' || word === 'RESET') checkSetting(sig);
  // SHOW <word> …: the session answers it (session-settings.ts) and never hands it to DuckDB, whose
  // SHOW <table> is DESCRIBE; a quoted name or anything else is refused here.
  if (word === 'SHOW' && sig[1]?.kind !== 'word') throw syntaxError(sig[1] ?? first);
  if (word === 'EXPLAIN') {
    let i = 1;
    while (isWord(sig[i], 'ANALYZE', 'VERBOSE')) i++;
    if (!isWord(sig[i], 'SELECT', 'WITH', 'VALUES', 'INSERT', 'UPDATE', 'DELETE', 'MERGE') && sig[i]?.text !== '(') throw syntaxError(sig[i]);
  }
}

/** SET [SESSION|LOCAL] name {=|TO} value, SET TIME ZONE …, RESET name | ALL. */
function checkSetting(sig: Token[]): void {
  let i = 1;
  if (isWord(sig[i], 'SESSION', 'LOCAL')) i++;
  const nameToken = sig[i];
  if (!nameToken || (nameToken.kind !== 'word' && nameToken.kind !== 'quoted-ident')) throw syntaxError(nameToken);
  const name = isWord(nameToken, 'TIME') && isWord(sig[i + 1], 'ZONE') ? 'timezone' : identifierName(nameToken).toLowerCase();
  if (SETTABLE.has(name)) return;
  if (UNHONOURED.has(name)) {
    throw new RedshiftSqlError(`SET ${name} is not supported by the local emulator: its sessions keep Redshift's defaults (timezone UTC, datestyle ISO, MDY). Leave the setting out, or run on Redshift.`);
  }
  throw new RedshiftSqlError(`unrecognized configuration parameter "${name}"`);
}

/** Function calls: no DuckDB table function or host-reaching scalar, by any spelling. */
function checkCall(sig: Token[], i: number): void {
  const t = sig[i];
  const previous = sig[i - 1];
  // `INSERT INTO t (…)`, `CREATE TABLE t (…)`, `AS x(a, b)`, `) v(x)`: a name with a column list, not a call.
  if (previous && (isWord(previous, 'INTO', 'EXISTS', 'AS', 'REFERENCES', 'VIEW') || previous.text === ')')) return;
  if (isWord(previous, 'TABLE') && isWord(sig[0], 'CREATE')) return;
  const name = identifierName(t).toLowerCase();
  if (name === 'current_setting') {
    const arg = sig[i + 2];
    if (arg?.kind === 'string' && sig[i + 3]?.text === ')' && READABLE.has(arg.text.slice(1, -1).toLowerCase())) return;
    throw new RedshiftSqlError(`unrecognized configuration parameter "${arg?.kind === 'string' ? arg.text.slice(1, -1) : ''}"`);
  }
  if (isDeniedFunction(name)) throw new RedshiftSqlError(`function ${name}(${argumentTypes(sig, i + 1)}) does not exist`);
}

/** A quoted name DuckDB would take for a file: a path, a glob, or a name with an extension. */
function looksLikeFile(t: Token): boolean {
  return t.kind === 'quoted-ident' && /[./\\*?:]/.test(identifierName(t));
}

/**
 * Rejects what DuckDB would run beyond Redshift SQL; returns quietly for Redshift SQL. COPY is
 * parsed by the emulator itself (copy-command.ts: `COPY t FROM 's3://…'` only) and never reaches
 * DuckDB, so only its first word is checked here.
 */
export function guardStatement(sql: string): void {
  checkLexing(tokenize(sql));
  // DuckDB runs every statement of a string it is given: each one is checked.
  for (const statement of splitStatements(sql)) {
    const sig = significant(tokenize(statement));
    guardOne(sig);
    if (isWord(sig[0], 'UNLOAD')) guardUnloadQuery(statement);
  }
}

/**
 * UNLOAD's query is user SQL inside a string literal, which DuckDB runs as `COPY (<query>) TO …`: it
 * gets the same checks, and must be one statement whose parentheses close inside it.
 */
function guardUnloadQuery(statement: string): void {
  let query: string;
  try {
    query = parseUnload(statement).query;
  } catch {
    return; // malformed: runUnload refuses it with Redshift's syntax error, and nothing runs
  }
  const inner = splitStatements(query);
  if (inner.length !== 1) throw new RedshiftSqlError('syntax error at or near ";"');
  let depth = 0;
  for (const t of significant(tokenize(inner[0]))) {
    if (t.text === '(') depth++;
    if (t.text === ')' && --depth < 0) throw syntaxError(t);
  }
  if (depth !== 0) throw new RedshiftSqlError('syntax error at end of input');
  guardStatement(inner[0]);
}

/**
 * The checks see the tokens sql-tokenizer makes, DuckDB runs what its own lexer makes; where the two
 * could disagree about what is a comment or a string, the statement is refused, so code hidden from
 * the tokenizer cannot reach DuckDB: a nested block comment (DuckDB nests them, the tokenizer ends at
 * the first `*\/`), a line comment ended by a carriage return (DuckDB ends it there too) and a `$`
 * that is neither a `$n` parameter nor an ASCII dollar quote (DuckDB takes `$é$` as one).
 */
function checkLexing(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    const nested = t.kind === 'comment' && t.text.startsWith('/*') && t.text.slice(2).includes('/*');
    const crEnded = t.kind === 'comment' && t.text.startsWith('--') && t.text.slice(0, -1).includes('\r'); // CRLF files are fine
    const strayDollar = t.kind === 'punct' && t.text === '$' && tokens[i + 1]?.kind !== 'number';
    if (nested || crEnded || strayDollar) throw syntaxError(t.kind === 'comment' ? { kind: 'comment', text: t.text.slice(0, 2) } : t);
  });
}

function guardOne(sig: Token[]): void {
  if (sig.length === 0) return;
  checkStatementWord(sig);
  if (isWord(sig[0], 'COPY')) {
    // Redshift's COPY loads a table FROM S3; DuckDB's `COPY … TO 'file'` writes the host.
    if (sig[1]?.text === '(') throw syntaxError(sig[1]);
    const direction = sig.findIndex((t) => isWord(t, 'FROM', 'TO'));
    if (direction < 0 || !isWord(sig[direction], 'FROM')) throw syntaxError(sig[direction]);
    return;
  }
  // Per open parenthesis: does it hold a query, and is a FROM list open at that depth.
  const isQuery: boolean[] = [true];
  const inFrom: boolean[] = [false];
  let depth = 0;
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const previous = sig[i - 1];
    if (t.kind === 'punct' && t.text === '(') {
      const inner = sig[i + 1];
      if (inner?.kind === 'word' && NESTED_STATEMENTS.has(inner.text.toUpperCase())) throw syntaxError(inner);
      depth++;
      isQuery[depth] = inner?.text === '(' || (inner?.kind === 'word' && QUERY_STARTS.has(inner.text.toUpperCase()));
      inFrom[depth] = false;
      continue;
    }
    if (t.kind === 'punct' && t.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if ((t.kind === 'word' || t.kind === 'quoted-ident') && sig[i + 1]?.text === '(') checkCall(sig, i);
    if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      // FROM right after a set operator starts a FROM-first query (DuckDB) wherever it is.
      if (word === 'FROM' && isWord(previous, 'UNION', 'INTERSECT', 'EXCEPT', 'ALL', 'DISTINCT')) isQuery[depth] = true;
      if ((word === 'FROM' && isQuery[depth]) || word === 'JOIN' || word === 'USING') inFrom[depth] = true; // USING: DELETE … USING, MERGE … USING
      else if (FROM_ENDS.has(word)) inFrom[depth] = false;
      if (NESTED_STATEMENTS.has(word) && isWord(previous, 'UNION', 'ALL', 'INTERSECT', 'EXCEPT')) throw syntaxError(t);
    }
    // A table named by a string (`FROM '/etc/passwd'`) or by a path-like quoted name is a file read.
    const tablePosition = previous !== undefined && (
      (previous.kind === 'word' && TABLE_WORDS.has(previous.text.toUpperCase()) && (previous.text.toUpperCase() !== 'FROM' || isQuery[depth])) ||
      (previous.text === ',' && inFrom[depth]));
    if (tablePosition && t.kind === 'string') throw syntaxError(t);
    if (tablePosition) {
      // DuckDB joins a qualified name's parts with dots into a file name (`"/etc/pass"."wd"`): check each part.
      for (let j = i; j < sig.length && (sig[j].kind === 'word' || sig[j].kind === 'quoted-ident'); j += 2) {
        if (looksLikeFile(sig[j])) throw new RedshiftSqlError(`relation "${identifierName(sig[j])}" does not exist`);
        if (sig[j + 1]?.text !== '.') break;
      }
    }
  }
}
