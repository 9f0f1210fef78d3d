// Redshift's SET / RESET / SHOW for one session. The search_path is the session's own state (DuckDB's
// `search_path` follows it, plus `main` for the system tables), so CREATE/DROP/COPY resolve unqualified
// names the way INSERT/SELECT do. `SET search_path` stays settable after DuckDB's lock_configuration.
import { identifierName, isWord, stringValue, type Token } from './sql-tokenizer.js';
import { RedshiftSqlError } from './sql-errors.js';

/** Parameters Redshift accepts in SET; only search_path changes behaviour here, the rest are remembered for SHOW. */
const DEFAULTS: Record<string, string> = {
  search_path: '$user, public', datestyle: 'ISO, MDY', extra_float_digits: '0', query_group: 'default',
  statement_timeout: '0', timezone: 'UTC', wlm_query_slot_count: '1', enable_result_cache_for_session: 'on',
  analyze_threshold_percent: '10', describe_field_name_in_uppercase: 'off', enable_case_sensitive_identifier: 'off',
  json_parse_truncate_strings: 'off', max_concurrency_scaling_clusters: '1', auto_analyze: 'on',
  application_name: '', client_encoding: 'UNICODE', enable_vacuum_boost: 'false', mv_enable_aqmv_for_session: 'true',
};

export class SessionSettings {
  private readonly values = new Map<string, string>();

  get searchPath(): string[] {
    return (this.values.get('search_path') ?? DEFAULTS.search_path).split(',').map((s) => s.trim()).filter(Boolean);
  }

  /** The schemas to look in, in order: `$user` becomes the session user's schema. */
  schemas(dbUser: string): string[] {
    return this.searchPath.map((s) => (s === '$user' ? dbUser : s));
  }

  /** Parse `SET name { TO | = } value[, …]`, `SET name TO DEFAULT` or `RESET name`; returns the parameter changed. */
  apply(sig: Token[]): string {
    const reset = isWord(sig[0], 'RESET');
    let i = 1;
    if (isWord(sig[i], 'SESSION', 'LOCAL')) i++;
    if (!sig[i]) throw new RedshiftSqlError('syntax error at end of input');
    const name = identifierName(sig[i]).toLowerCase();
    if (name === 'all' && reset) { this.values.clear(); return name; }
    if (!(name in DEFAULTS)) throw new RedshiftSqlError(`unrecognized configuration parameter "${name}"`);
    i++;
    if (reset) { this.values.delete(name); return name; }
    if (!(isWord(sig[i], 'TO') || sig[i]?.text === '=')) throw new RedshiftSqlError(`syntax error at or near "${sig[i]?.text ?? ''}"`);
    i++;
    if (isWord(sig[i], 'DEFAULT') && sig.length === i + 1) { this.values.delete(name); return name; }
    const parts: string[] = [];
    for (; i < sig.length; i++) {
      const t = sig[i];
      if (t.text === ',') continue;
      if (t.kind === 'string') parts.push(stringValue(t));
      else if (t.kind === 'quoted-ident') parts.push(identifierName(t));
      else if (t.kind === 'word' || t.kind === 'number') parts.push(t.kind === 'word' ? t.text.toLowerCase() : t.text);
      else if (t.text === '-' && sig[i + 1]?.kind === 'number') { parts.push(`-${sig[i + 1].text}`); i++; }
      else throw new RedshiftSqlError(`syntax error at or near "${t.text}"`);
    }
    if (parts.length === 0) throw new RedshiftSqlError('syntax error at end of input');
    this.values.set(name, name === 'search_path' ? parts.join(', ') : parts.join(','));
    return name;
  }

  /** SHOW name: the value, or Redshift's error for an unknown parameter. */
  show(sig: Token[]): { name: string; value: string } {
    const name = sig[1] ? identifierName(sig[1]).toLowerCase() : '';
    if (['tables', 'schemas', 'databases', 'columns', 'grants', 'table', 'view', 'procedure', 'model', 'external'].includes(name)) {
      throw new RedshiftSqlError(`The emulator does not support SHOW ${name.toUpperCase()}: query information_schema, svv_table_info or pg_table_def instead (or the Data API's ListTables / DescribeTable)`);
    }
    if (!(name in DEFAULTS)) throw new RedshiftSqlError(`unrecognized configuration parameter "${name}"`);
    return { name, value: this.values.get(name) ?? DEFAULTS[name] };
  }
}
