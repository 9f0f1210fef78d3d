// Redshift expressions → DuckDB, token by token: type names, DATEADD/DATEDIFF date parts, NVL,
// GETDATE/SYSDATE, LISTAGG … WITHIN GROUP, TO_CHAR. The helper macros live in engine-macros.ts.
import { isTrivia, isWord, joinTokens, tokenize, type Token } from './sql-tokenizer.js';
import { TYPE_WORD_REWRITES } from './redshift-types.js';
import { rewriteOperators } from './operator-rewrite.js';
import { toCharExpression } from './to-char.js';

const DATE_PART_ALIASES: Record<string, string> = {
  year: 'year', years: 'year', y: 'year', yr: 'year', yrs: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', quarters: 'quarter', qtr: 'quarter', qtrs: 'quarter', q: 'quarter',
  month: 'month', months: 'month', mon: 'month', mons: 'month', mm: 'month',
  week: 'week', weeks: 'week', w: 'week', wk: 'week', wks: 'week',
  day: 'day', days: 'day', d: 'day', dd: 'day', dayofweek: 'dow', dow: 'dow', dw: 'dow', weekday: 'dow',
  dayofyear: 'doy', doy: 'doy', dy: 'doy', yd: 'doy',
  hour: 'hour', hours: 'hour', h: 'hour', hh: 'hour', hr: 'hour', hrs: 'hour',
  minute: 'minute', minutes: 'minute', m: 'minute', mi: 'minute', min: 'minute', mins: 'minute',
  second: 'second', seconds: 'second', s: 'second', sec: 'second', secs: 'second',
  millisecond: 'millisecond', milliseconds: 'millisecond', ms: 'millisecond', msec: 'millisecond',
  microsecond: 'microsecond', microseconds: 'microsecond', epoch: 'epoch',
};

/** Functions whose first argument is a bare date part in Redshift but a string in DuckDB. */
const DATE_PART_FUNCTIONS: Record<string, string> = {
  DATEADD: 'redshift_dateadd', DATE_ADD: 'redshift_dateadd',
  DATEDIFF: 'date_diff', DATE_DIFF: 'date_diff', DATE_PART: 'date_part', DATEPART: 'date_part',
  DATE_TRUNC: 'date_trunc',
};

const RENAMED_FUNCTIONS: Record<string, string> = {
  NVL: 'coalesce', LEN: 'length', TEXTLEN: 'length',
  // Redshift counts bytes here; DuckDB's octet_length takes only BLOBs, strlen counts a string's bytes.
  OCTET_LENGTH: 'strlen',
  STRTOL: 'redshift_strtol', GETDATE: 'getdate',
  // Session facts from the session's variables (engine-setup.ts); DuckDB's own answer `duckdb`, `v1.5.6`.
  CURRENT_DATABASE: 'main.redshift_current_database', VERSION: 'main.redshift_version',
};

function nextSignificant(toks: Token[], i: number): number {
  let j = i + 1;
  while (j < toks.length && isTrivia(toks[j])) j++;
  return j;
}

function prevSignificant(toks: Token[], i: number): Token | undefined {
  let j = i - 1;
  while (j >= 0 && isTrivia(toks[j])) j--;
  return toks[j];
}

function closingParen(toks: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (toks[j].text === '(') depth++;
    else if (toks[j].text === ')' && --depth === 0) return j;
  }
  return toks.length - 1;
}

/** Rewrite a token list (with or without trivia); returns a new list. */
export function rewriteExpressionTokens(input: Token[]): Token[] {
  const toks = input.slice();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'word') continue;
    const up = t.text.toUpperCase();
    const after = nextSignificant(toks, i);
    const before = prevSignificant(toks, i);
    const isQualifiedPart = before?.text === '.' || toks[after]?.text === '.';
    if (isQualifiedPart) continue;
    const isCall = toks[after]?.text === '(';

    if (up in TYPE_WORD_REWRITES && !isCall) { toks[i] = { kind: 'word', text: TYPE_WORD_REWRITES[up] }; continue; }
    if ((up === 'VARCHAR' || up === 'CHARACTER' || up === 'CHAR') && isCall) {
      // VARCHAR(MAX) → VARCHAR(65535); DuckDB ignores the length anyway.
      const arg = nextSignificant(toks, after);
      if (isWord(toks[arg], 'MAX')) toks[arg] = { kind: 'number', text: '65535' };
      continue;
    }
    if (up === 'SYSDATE' && !isCall) { toks[i] = { kind: 'word', text: 'getdate()' }; continue; }
    if (up in DATE_PART_FUNCTIONS && isCall) {
      toks[i] = { kind: 'word', text: DATE_PART_FUNCTIONS[up] };
      const arg = nextSignificant(toks, after);
      const argTok = toks[arg];
      if (argTok?.kind === 'word' || argTok?.kind === 'string') {
        const raw = argTok.kind === 'string' ? argTok.text.slice(1, -1) : argTok.text;
        const part = DATE_PART_ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
        toks[arg] = { kind: 'string', text: `'${part}'` };
      }
      continue;
    }
    if (up === 'EXTRACT' && isCall) {
      const arg = nextSignificant(toks, after);
      const part = toks[arg]?.kind === 'word' ? DATE_PART_ALIASES[toks[arg].text.toLowerCase()] : undefined;
      if (part) toks[arg] = { kind: 'word', text: part };
      continue;
    }
    if (up === 'TO_CHAR' && isCall) {
      // DuckDB needs a constant format; Redshift's patterns become one expression (to-char.ts).
      const close = closingParen(toks, after);
      let comma = -1;
      for (let k = after + 1, depth = 0; k < close; k++) {
        if (toks[k].text === '(') depth++;
        else if (toks[k].text === ')') depth--;
        else if (toks[k].text === ',' && depth === 0) comma = k;
      }
      const fmt = comma >= 0 ? nextSignificant(toks, comma) : -1;
      if (fmt >= 0 && toks[fmt].kind === 'string' && nextSignificant(toks, fmt) === close) {
        const ts = joinTokens(rewriteExpressionTokens(toks.slice(after + 1, comma)));
        const expr = toCharExpression(`(${ts})`, toks[fmt].text.slice(1, -1).replace(/''/g, "'"));
        toks.splice(i, close - i + 1, { kind: 'word', text: expr });
      }
      continue;
    }
    if (up in RENAMED_FUNCTIONS && isCall) { toks[i] = { kind: 'word', text: RENAMED_FUNCTIONS[up] }; continue; }
    if (up === 'LISTAGG' && isCall) {
      // LISTAGG(x, d) WITHIN GROUP (ORDER BY y) → string_agg(x, d ORDER BY y)
      const close = closingParen(toks, after);
      toks[i] = { kind: 'word', text: 'string_agg' };
      const w = nextSignificant(toks, close);
      if (isWord(toks[w], 'WITHIN')) {
        const g = nextSignificant(toks, w);
        const open = nextSignificant(toks, g);
        const groupClose = closingParen(toks, open);
        const orderBy = toks.slice(open + 1, groupClose);
        toks.splice(close, groupClose - close + 1, { kind: 'space', text: ' ' }, ...orderBy, { kind: 'punct', text: ')' });
      }
    }
  }
  return toks;
}

export function rewriteQuery(sql: string): string {
  return joinTokens(rewriteExpressionTokens(rewriteOperators(tokenize(sql))));
}
