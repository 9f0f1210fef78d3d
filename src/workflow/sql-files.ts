// Reads the Redshift SQL in sql/ — the one source of truth — and turns it into statements.
// The files carry small `-- key: value` annotations (name, check, expect, title) that this reads.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../services/errors.js';

export const SQL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../sql');

export interface SqlStatement {
  sql: string;
  /** `-- key: value` lines directly above the statement (a bare `-- key` gives ''). */
  annotations: Record<string, string>;
}

export function readSqlFile(name: string, sqlDir = SQL_DIR): string {
  return readFileSync(join(sqlDir, name), 'utf8');
}

/**
 * Splits a script on top-level semicolons. Hand-written because it needs only to respect quotes
 * and comments, and no small library splits Redshift scripts while keeping annotation comments.
 */
export function splitStatements(script: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current = '';
  let annotations: Record<string, string> = {};
  let i = 0;
  const flush = () => {
    const sql = stripComments(current).trim();
    if (sql) statements.push({ sql, annotations });
    current = '';
    annotations = {};
  };
  while (i < script.length) {
    const ch = script[i];
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      const line = script.slice(i, end === -1 ? script.length : end);
      const note = /^--\s*([a-z_]+)(?::\s*(.*))?$/i.exec(line.trim());
      if (note && !stripComments(current).trim()) annotations[note[1].toLowerCase()] = (note[2] ?? '').trim();
      current += line;
      i += line.length;
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch && script[j + 1] === ch) j += 2;
        else if (script[j] === ch) break;
        else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ';') {
      flush();
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  flush();
  return statements;
}

function stripComments(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
}

/** Fills `{{NAME}}` placeholders; a placeholder without a value is a bug in the caller, not the user. */
export function renderTemplate(sql: string, values: Record<string, string | number>): string {
  return sql.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`SQL template placeholder {{${key}}} has no value`);
    return String(values[key]).replace(/'/g, "''");
  });
}

export function loadStatements(name: string, values: Record<string, string | number> = {}, sqlDir = SQL_DIR): SqlStatement[] {
  let text: string;
  try {
    text = readSqlFile(name, sqlDir);
  } catch (err) {
    throw new UserError(`Cannot read SQL file ${join(sqlDir, name)}: ${(err as Error).message}`, 'Restore it from the repository (git checkout -- sql/).');
  }
  return splitStatements(text).map((s) => ({ ...s, sql: renderTemplate(s.sql, values) }));
}

export interface AnalyticsQuery {
  name: string;
  title: string;
  sql: string;
}

export function loadAnalytics(sqlDir = SQL_DIR): AnalyticsQuery[] {
  const dir = join(sqlDir, 'analytics');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const [statement] = splitStatements(readFileSync(join(dir, file), 'utf8'));
      const name = file.replace(/\.sql$/, '');
      return { name, title: statement.annotations.title ?? name, sql: statement.sql };
    });
}

export interface QualityCheck {
  name: string;
  sql: string;
  /** undefined for a `report` check (a measurement, never failing). */
  expected?: string;
}

/** An expected value given as undefined (e.g. a source count that could not be read) makes its check report-only. */
export function loadQualityChecks(values: Record<string, string | number | undefined>, sqlDir = SQL_DIR): QualityCheck[] {
  return splitStatements(readSqlFile('quality_checks.sql', sqlDir)).map(({ sql, annotations }) => {
    if (!annotations.check) throw new Error(`quality_checks.sql: a statement has no "-- check:" name:\n${sql}`);
    const expect = annotations.expect ?? '0';
    const unknown = [...expect.matchAll(/\{\{([A-Z0-9_]+)\}\}/g)].some(([, key]) => key in values && values[key] === undefined);
    const isReport = 'report' in annotations || unknown;
    return {
      name: annotations.check,
      sql,
      expected: isReport ? undefined : renderTemplate(expect, values as Record<string, string | number>),
    };
  });
}
