// Redshift type names → DuckDB types, with the declared byte length Redshift enforces on strings.
import { isWord, type Token } from './sql-tokenizer.js';

export interface ParsedType {
  /** Type for DuckDB's DDL. */
  duckType: string;
  /** Type as Redshift reports it (information_schema / DescribeTable / error messages). */
  redshiftType: string;
  /** Byte limit of CHAR/VARCHAR columns; undefined for other types. */
  maxBytes?: number;
  /** Index of the first significant token after the type. */
  next: number;
}

/** Max VARCHAR length in Redshift, also what VARCHAR(MAX) means. */
export const VARCHAR_MAX = 65535;

function parenArgs(toks: Token[], i: number): { args: string[]; next: number } {
  if (toks[i]?.text !== '(') return { args: [], next: i };
  const args: string[] = [];
  let j = i + 1;
  while (j < toks.length && toks[j].text !== ')') {
    if (toks[j].text !== ',') args.push(toks[j].text);
    j++;
  }
  return { args, next: j + 1 };
}

/** Parse a type starting at significant token `i`; undefined when the token is no known type. */
export function parseRedshiftType(toks: Token[], i: number): ParsedType | undefined {
  const t = toks[i];
  if (!t || t.kind !== 'word') return undefined;
  const word = t.text.toUpperCase();
  const simple: Record<string, [string, string]> = {
    SMALLINT: ['SMALLINT', 'smallint'], INT2: ['SMALLINT', 'smallint'],
    INTEGER: ['INTEGER', 'integer'], INT: ['INTEGER', 'integer'], INT4: ['INTEGER', 'integer'],
    BIGINT: ['BIGINT', 'bigint'], INT8: ['BIGINT', 'bigint'],
    REAL: ['REAL', 'real'], FLOAT4: ['REAL', 'real'],
    FLOAT8: ['DOUBLE', 'double precision'], FLOAT: ['DOUBLE', 'double precision'],
    BOOLEAN: ['BOOLEAN', 'boolean'], BOOL: ['BOOLEAN', 'boolean'],
    DATE: ['DATE', 'date'], TIMESTAMPTZ: ['TIMESTAMPTZ', 'timestamp with time zone'],
    TIMETZ: ['TIMETZ', 'time with time zone'], VARBYTE: ['BLOB', 'varbyte'], SUPER: ['JSON', 'super'],
  };
  if (word in simple) {
    const [duckType, redshiftType] = simple[word];
    let next = i + 1;
    if (word === 'FLOAT' && toks[next]?.text === '(') next = parenArgs(toks, next).next;
    return { duckType, redshiftType, next };
  }
  if (word === 'DOUBLE') {
    const next = isWord(toks[i + 1], 'PRECISION') ? i + 2 : i + 1;
    return { duckType: 'DOUBLE', redshiftType: 'double precision', next };
  }
  if (word === 'DECIMAL' || word === 'NUMERIC') {
    const { args, next } = parenArgs(toks, i + 1);
    const p = Number(args[0] ?? 18);
    const s = Number(args[1] ?? 0);
    return { duckType: `DECIMAL(${p},${s})`, redshiftType: `numeric(${p},${s})`, next };
  }
  if (word === 'TIMESTAMP' || word === 'TIME') {
    let next = i + 1;
    let tz = false;
    if (isWord(toks[next], 'WITH', 'WITHOUT') && isWord(toks[next + 2], 'ZONE')) {
      tz = isWord(toks[next], 'WITH');
      next += 3;
    }
    const base = word.toLowerCase();
    return {
      duckType: tz ? `${word}TZ` : word,
      redshiftType: tz ? `${base} with time zone` : `${base} without time zone`,
      next,
    };
  }
  const isChar = ['CHAR', 'CHARACTER', 'NCHAR', 'BPCHAR'].includes(word);
  const isVarchar = ['VARCHAR', 'NVARCHAR', 'TEXT'].includes(word);
  if (isChar || isVarchar) {
    let next = i + 1;
    let varying = isVarchar;
    if (isChar && isWord(toks[next], 'VARYING')) { varying = true; next++; }
    const { args, next: after } = parenArgs(toks, next);
    const arg = args[0]?.toUpperCase();
    const defaultLen = varying ? 256 : word === 'BPCHAR' ? 256 : 1;
    const maxBytes = arg === 'MAX' ? (varying ? VARCHAR_MAX : 4096) : arg ? Number(arg) : defaultLen;
    return {
      duckType: 'VARCHAR',
      redshiftType: varying ? `character varying(${maxBytes})` : `character(${maxBytes})`,
      maxBytes,
      next: after,
    };
  }
  return undefined;
}

/** Type words that are Redshift-only and need a DuckDB name wherever they appear (e.g. `::int4`). */
export const TYPE_WORD_REWRITES: Record<string, string> = {
  INT2: 'SMALLINT', INT4: 'INTEGER', INT8: 'BIGINT', FLOAT4: 'REAL', FLOAT8: 'DOUBLE',
  FLOAT: 'DOUBLE', BPCHAR: 'VARCHAR', NVARCHAR: 'VARCHAR', NCHAR: 'VARCHAR',
};
