// A lossless SQL tokenizer: joining the tokens' text gives back the input, so rewrites can swap
// single tokens while quoted strings, quoted identifiers and comments pass through untouched.

export type TokenKind = 'word' | 'quoted-ident' | 'string' | 'number' | 'punct' | 'space' | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      while (i < n && /\s/.test(sql[i])) i++;
      tokens.push({ kind: 'space', text: sql.slice(start, i) });
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      tokens.push({ kind: 'comment', text: sql.slice(start, i) });
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      tokens.push({ kind: 'comment', text: sql.slice(start, i) });
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      i = c === "'" ? i + 1 : i + 2;
      while (i < n) {
        if (sql[i] === '\\' && c !== "'") i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") { i++; break; } else i++;
      }
      tokens.push({ kind: 'string', text: sql.slice(start, i) });
    } else if (c === '"') {
      i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
        else if (sql[i] === '"') { i++; break; } else i++;
      }
      tokens.push({ kind: 'quoted-ident', text: sql.slice(start, i) });
    } else if (c === '$' && /[$A-Za-z_]/.test(sql[i + 1] ?? '')) {
      // Dollar-quoted body ($$…$$ or $tag$…$tag$), as in UDF definitions.
      const tagEnd = sql.indexOf('$', i + 1);
      const tag = tagEnd < 0 ? '$' : sql.slice(i, tagEnd + 1);
      if (!/^\$[A-Za-z_0-9]*\$$/.test(tag)) { i++; tokens.push({ kind: 'punct', text: c }); continue; }
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? n : close + tag.length;
      tokens.push({ kind: 'string', text: sql.slice(start, i) });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < n && /[0-9.]/.test(sql[i])) i++;
      if ((sql[i] === 'e' || sql[i] === 'E') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < n && /[0-9]/.test(sql[i])) i++;
      }
      tokens.push({ kind: 'number', text: sql.slice(start, i) });
    } else if (WORD_START.test(c)) {
      while (i < n && WORD_PART.test(sql[i])) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i) });
    } else {
      const two = sql.slice(i, i + 2);
      i += ['::', '<=', '>=', '<>', '!=', '||'].includes(two) ? 2 : 1;
      tokens.push({ kind: 'punct', text: sql.slice(start, i) });
    }
  }
  return tokens;
}

export function joinTokens(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) out += t.text;
  return out;
}

/** True when the token is the given keyword (case-insensitive). */
export function isWord(t: Token | undefined, ...words: string[]): boolean {
  if (!t || t.kind !== 'word') return false;
  const up = t.text.toUpperCase();
  return words.includes(up);
}

export const isTrivia = (t: Token): boolean => t.kind === 'space' || t.kind === 'comment';

/** The tokens without whitespace and comments — what the grammar-level matchers look at. */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => !isTrivia(t));
}

/** Split a script on top-level semicolons; empty statements (only trivia) are dropped. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: Token[] = [];
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      if (current.some((x) => !isTrivia(x))) out.push(joinTokens(current).trim());
      current = [];
    } else current.push(t);
  }
  if (current.some((x) => !isTrivia(x))) out.push(joinTokens(current).trim());
  return out;
}

/** Identifier text as Redshift folds it: unquoted → lower case, quoted → as written. */
export function identifierName(t: Token): string {
  if (t.kind === 'quoted-ident') return t.text.slice(1, -1).replace(/""/g, '"');
  return t.text.toLowerCase();
}

/** The value of a '…' string literal token. */
export function stringValue(t: Token): string {
  if (t.text.startsWith('$')) return t.text.replace(/^\$[^$]*\$/, '').replace(/\$[^$]*\$$/, '');
  const body = t.text.startsWith("'") ? t.text.slice(1, -1) : t.text.slice(2, -1);
  return body.replace(/''/g, "'");
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
