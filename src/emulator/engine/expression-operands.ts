// Finding the operands around an operator in a token list, for the rewrites that must wrap an
// operand (division by zero, casts to VARCHAR(n), interval arithmetic). Precedence is the SQL one:
// `::` binds tightest, then unary minus, then `*` `/` `%`, then everything else.
import { isTrivia, isWord, type Token } from './sql-tokenizer.js';

export function nextSignificant(toks: Token[], i: number): number {
  let j = i + 1;
  while (j < toks.length && isTrivia(toks[j])) j++;
  return j;
}

export function prevSignificantIndex(toks: Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && isTrivia(toks[j])) j--;
  return j;
}

export function closingParen(toks: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (toks[j].text === '(') depth++;
    else if (toks[j].text === ')' && --depth === 0) return j;
  }
  return toks.length - 1;
}

function openingParen(toks: Token[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    if (toks[j].text === ')') depth++;
    else if (toks[j].text === '(' && --depth === 0) return j;
  }
  return 0;
}

/** Words that end an operand: a keyword before an expression is never part of it. */
const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'CASE', 'END', 'AS', 'ON',
  'BY', 'HAVING', 'IN', 'IS', 'LIKE', 'BETWEEN', 'SET', 'VALUES', 'RETURN', 'DISTINCT', 'ALL', 'JOIN', 'LIMIT', 'OFFSET', 'USING',
  'ORDER', 'GROUP', 'UNION', 'EXCEPT', 'INTERSECT', 'OVER', 'PARTITION', 'INTO', 'TO', 'ASC', 'DESC', 'NULLS', 'ILIKE', 'SIMILAR']);
/** Type words that prefix a string literal (`TIMESTAMP 'epoch'`) and so belong to the operand. */
const TYPED_LITERAL = new Set(['TIMESTAMP', 'DATE', 'TIME', 'INTERVAL', 'TIMESTAMPTZ']);

const isAtom = (t: Token | undefined): boolean =>
  !!t && (t.kind === 'number' || t.kind === 'string' || t.kind === 'quoted-ident' || (t.kind === 'word' && !KEYWORDS.has(t.text.toUpperCase())));

/** Index of the first token of the primary (with its `::type` suffixes) that ends at `end`; -1 if none. */
export function primaryStart(toks: Token[], end: number): number {
  let j = end;
  // Strip trailing casts: `x::varchar(10)` → look at x.
  for (;;) {
    let typeEnd = j;
    if (toks[typeEnd]?.text === ')') {
      const open = openingParen(toks, typeEnd);
      const w = prevSignificantIndex(toks, open);
      if (toks[w]?.kind === 'word' && toks[prevSignificantIndex(toks, w)]?.text === '::') typeEnd = w;
    }
    const cast = prevSignificantIndex(toks, typeEnd);
    if (toks[typeEnd]?.kind === 'word' && toks[cast]?.text === '::') { j = prevSignificantIndex(toks, cast); continue; }
    break;
  }
  let start: number;
  if (toks[j]?.text === ')') {
    start = openingParen(toks, j);
    const fn = prevSignificantIndex(toks, start);
    if (toks[fn]?.kind === 'word' && isAtom(toks[fn])) start = fn;
    else if (isWord(toks[fn], 'EXISTS', 'CAST') ) start = fn;
  } else if (isAtom(toks[j])) {
    start = j;
    const typed = prevSignificantIndex(toks, j);
    if (toks[j].kind === 'string' && toks[typed]?.kind === 'word' && TYPED_LITERAL.has(toks[typed].text.toUpperCase())) start = typed;
  } else return -1;
  // Qualified names: a.b.c
  for (;;) {
    const dot = prevSignificantIndex(toks, start);
    if (toks[dot]?.text !== '.') break;
    const q = prevSignificantIndex(toks, dot);
    if (!isAtom(toks[q])) break;
    start = q;
  }
  return start;
}

/** Index of the last token of the primary (with `::type` suffixes) starting at `start`; -1 if none. */
export function primaryEnd(toks: Token[], start: number): number {
  let j = start;
  const t = toks[j];
  if (t?.text === '-' || t?.text === '+') {
    const e = primaryEnd(toks, nextSignificant(toks, j));
    return e;
  }
  if (t?.text === '(') j = closingParen(toks, j);
  else if (isAtom(t)) {
    const n = nextSignificant(toks, j);
    if (t.kind === 'word' && TYPED_LITERAL.has(t.text.toUpperCase()) && toks[n]?.kind === 'string') j = n;
    else if (t.kind === 'word' && toks[n]?.text === '(') j = closingParen(toks, n);
    else if (isWord(t, 'CAST') && toks[n]?.text === '(') j = closingParen(toks, n);
    for (;;) {
      const dot = nextSignificant(toks, j);
      if (toks[dot]?.text !== '.' || !isAtom(toks[nextSignificant(toks, dot)])) break;
      j = nextSignificant(toks, dot);
      const call = nextSignificant(toks, j);
      if (toks[call]?.text === '(') j = closingParen(toks, call);
    }
  } else return -1;
  for (;;) {
    const cast = nextSignificant(toks, j);
    if (toks[cast]?.text !== '::') break;
    j = nextSignificant(toks, cast);
    const args = nextSignificant(toks, j);
    if (toks[args]?.text === '(') j = closingParen(toks, args);
    else if (isWord(toks[j], 'DOUBLE') && isWord(toks[args], 'PRECISION')) j = args;
  }
  return j;
}

const isMultiplicative = (t: Token | undefined): boolean => t?.kind === 'punct' && (t.text === '*' || t.text === '/' || t.text === '%');

/** The span [start, end] of the `*`/`/`/`%` chain that contains the primary at [from, to]. */
export function multiplicativeChain(toks: Token[], from: number, to: number): [number, number] {
  let start = from;
  for (;;) {
    const op = prevSignificantIndex(toks, start);
    if (!isMultiplicative(toks[op])) break;
    // `*` right after `SELECT`/`(`/`,` is a star, not an operator.
    const s = primaryStart(toks, prevSignificantIndex(toks, op));
    if (s < 0) break;
    start = s;
  }
  let end = to;
  for (;;) {
    const op = nextSignificant(toks, end);
    if (!isMultiplicative(toks[op])) break;
    const e = primaryEnd(toks, nextSignificant(toks, op));
    if (e < 0) break;
    end = e;
  }
  return [start, end];
}
