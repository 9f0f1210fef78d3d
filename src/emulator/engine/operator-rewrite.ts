// Operator rewrites that need an operand, not just a token: interval arithmetic, division by zero
// and explicit casts to VARCHAR(n). DuckDB differs from Redshift in each: INTERVAL × BIGINT takes
// an INT32 factor and INTERVAL has no integer division (`ts * interval '1 second' / 1000`), `x / 0`
// is NULL, and `'abc'::varchar(2)` keeps all three characters.
import { isWord, tokenize, type Token } from './sql-tokenizer.js';
import { closingParen, multiplicativeChain, nextSignificant, prevSignificantIndex, primaryEnd, primaryStart } from './expression-operands.js';

const MICROS: Record<string, number> = {
  microsecond: 1, microseconds: 1, us: 1, millisecond: 1e3, milliseconds: 1e3, ms: 1e3, msec: 1e3,
  second: 1e6, seconds: 1e6, sec: 1e6, secs: 1e6, s: 1e6, minute: 6e7, minutes: 6e7, min: 6e7, mins: 6e7,
  hour: 3.6e9, hours: 3.6e9, hr: 3.6e9, hrs: 3.6e9, h: 3.6e9, day: 8.64e10, days: 8.64e10, d: 8.64e10,
  week: 6.048e11, weeks: 6.048e11, w: 6.048e11,
};

/** Microseconds in a fixed-length interval literal body ('1 second', '0.5 hours'); undefined otherwise. */
export function intervalMicros(body: string): number | undefined {
  const m = body.trim().toLowerCase().match(/^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/);
  if (!m || !(m[2] in MICROS)) return undefined;
  const micros = Number(m[1]) * MICROS[m[2]];
  return Number.isInteger(micros) ? micros : undefined;
}

const text = (toks: Token[], from: number, to: number): string => toks.slice(from, to + 1).map((t) => t.text).join('');

/** `n * INTERVAL '1 second' / 1000` → `to_microseconds(CAST(n * CAST(1000000 AS HUGEINT) / 1000 AS BIGINT))`. */
function rewriteIntervalArithmetic(toks: Token[]): Token[] {
  for (let i = 0; i < toks.length; i++) {
    let litStart = -1;
    let litEnd = -1;
    let body = '';
    const next = nextSignificant(toks, i);
    if (isWord(toks[i], 'INTERVAL') && toks[next]?.kind === 'string') { litStart = i; litEnd = next; body = toks[next].text.slice(1, -1); }
    else if (toks[i].kind === 'string' && toks[next]?.text === '::' && isWord(toks[nextSignificant(toks, next)], 'INTERVAL')) {
      litStart = i; litEnd = nextSignificant(toks, next); body = toks[i].text.slice(1, -1);
    }
    if (litStart < 0) continue;
    const micros = intervalMicros(body);
    const [start, end] = multiplicativeChain(toks, litStart, litEnd);
    if (micros === undefined || (start === litStart && end === litEnd)) { i = litEnd; continue; }
    const replaced = `to_microseconds(CAST(${text(toks, start, litStart - 1)}CAST(${micros} AS HUGEINT)${text(toks, litEnd + 1, end)} AS BIGINT))`;
    const spliced = tokenize(replaced);
    toks.splice(start, end - start + 1, ...spliced);
    i = start + spliced.length - 1;
  }
  return toks;
}

/** `a / b` → `a / main.redshift_nonzero(b)`, which raises Redshift's "division by zero". */
function rewriteDivision(toks: Token[]): Token[] {
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].kind !== 'punct' || (toks[i].text !== '/' && toks[i].text !== '%')) continue;
    const s = nextSignificant(toks, i);
    if (toks[s]?.kind === 'number' && Number(toks[s].text) !== 0 && toks[nextSignificant(toks, s)]?.text !== '::') continue;
    const e = primaryEnd(toks, s);
    if (e < 0) continue;
    const wrapped = tokenize(`main.redshift_nonzero(${text(toks, s, e)})`);
    toks.splice(s, e - s + 1, ...wrapped);
    i = s + wrapped.length - 1;
  }
  return toks;
}

/** The `(n)` after VARCHAR / CHARACTER VARYING at `typeAt`: [length text, index of `)`] or undefined. */
function varcharLength(toks: Token[], typeAt: number): [string, number] | undefined {
  let j = typeAt;
  if (isWord(toks[j], 'CHARACTER') && isWord(toks[nextSignificant(toks, j)], 'VARYING')) j = nextSignificant(toks, j);
  else if (!isWord(toks[j], 'VARCHAR', 'NVARCHAR')) return undefined;
  const open = nextSignificant(toks, j);
  if (toks[open]?.text !== '(') return undefined;
  const arg = nextSignificant(toks, open);
  const close = nextSignificant(toks, arg);
  if (toks[close]?.text !== ')') return undefined;
  const len = isWord(toks[arg], 'MAX') ? '65535' : toks[arg].text;
  return /^\d+$/.test(len) ? [len, close] : undefined;
}

/** `x::varchar(n)` and `CAST(x AS VARCHAR(n))` truncate to n characters, as Redshift's explicit casts do. */
function rewriteVarcharCasts(toks: Token[]): Token[] {
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text === '::') {
      const len = varcharLength(toks, nextSignificant(toks, i));
      if (!len) continue;
      const start = primaryStart(toks, prevSignificantIndex(toks, i));
      if (start < 0) continue;
      const spliced = tokenize(`main.redshift_varchar(${text(toks, start, prevSignificantIndex(toks, i))}, ${len[0]})`);
      toks.splice(start, len[1] - start + 1, ...spliced);
      i = start + spliced.length - 1;
    } else if (isWord(toks[i], 'CAST') && toks[nextSignificant(toks, i)]?.text === '(') {
      const open = nextSignificant(toks, i);
      const close = closingParen(toks, open);
      const typeEnd = prevSignificantIndex(toks, close);
      // CAST(expr AS VARCHAR(n)): find the AS at depth 1 just before the type.
      let as = -1;
      for (let k = open + 1, depth = 0; k < close; k++) {
        if (toks[k].text === '(') depth++;
        else if (toks[k].text === ')') depth--;
        else if (depth === 0 && isWord(toks[k], 'AS')) as = k;
      }
      if (as < 0) continue;
      const len = varcharLength(toks, nextSignificant(toks, as));
      if (!len || len[1] !== typeEnd) continue;
      const spliced = tokenize(`main.redshift_varchar(${text(toks, open + 1, prevSignificantIndex(toks, as))}, ${len[0]})`);
      toks.splice(i, close - i + 1, ...spliced);
    }
  }
  return toks;
}

/** Bare session functions Redshift spells without parentheses. */
function rewriteSessionWords(toks: Token[]): Token[] {
  for (let i = 0; i < toks.length; i++) {
    if (!isWord(toks[i], 'CURRENT_USER', 'SESSION_USER')) continue;
    const before = toks[prevSignificantIndex(toks, i)];
    if (before?.text === '.' || toks[nextSignificant(toks, i)]?.text === '(') continue;
    toks[i] = { kind: 'word', text: 'main.redshift_current_user()' };
  }
  return toks;
}

export function rewriteOperators(input: Token[]): Token[] {
  return rewriteSessionWords(rewriteVarcharCasts(rewriteDivision(rewriteIntervalArithmetic(input.slice()))));
}
