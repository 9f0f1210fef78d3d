// TO_CHAR(timestamp, 'format') → a DuckDB expression, following Redshift's datetime format strings
// (docs: "Datetime format strings"): names blank-padded to 9 (`Day`, `Month`), case taken from the
// pattern (`DAY` → MONDAY, `day` → monday), `FM` suppresses padding, "quoted" text is literal.
import { quoteString } from './sql-tokenizer.js';

type Piece = (ts: string, fm: boolean) => string;

const f = (spec: string): Piece => (ts) => `strftime(${ts}, '${spec}')`;
/** Zero-padded number, or unpadded under FM. */
const num = (expr: (ts: string) => string, width: number): Piece => (ts, fm) =>
  fm ? `CAST(${expr(ts)} AS VARCHAR)` : `lpad(CAST(${expr(ts)} AS VARCHAR), ${width}, '0')`;
const name = (spec: string, cased: 'upper' | 'lower' | 'title', pad: number): Piece => (ts, fm) => {
  let e = `strftime(${ts}, '${spec}')`;
  if (cased !== 'title') e = `${cased}(${e})`;
  return fm || pad === 0 ? e : `rpad(${e}, ${pad}, ' ')`;
};

// Longest patterns first so that scanning left to right never splits one (MI vs MM, HH24 vs HH, DDD vs DD).
const PATTERNS: [string, Piece][] = [
  ['HH24', num((t) => `hour(${t})`, 2)], ['HH12', num((t) => `(hour(${t}) + 11) % 12 + 1`, 2)],
  ['YYYY', f('%Y')], ['IYYY', num((t) => `isoyear(${t})`, 4)], ['MONTH', name('%B', 'upper', 9)], ['Month', name('%B', 'title', 9)],
  ['month', name('%B', 'lower', 9)], ['IDDD', num((t) => `(dayofyear(${t}) - dayofyear(date_trunc('week', make_date(isoyear(${t}), 1, 4))) + 1)`, 3)],
  ['A.M.', (t) => `replace(replace(strftime(${t}, '%p'), 'AM', 'A.M.'), 'PM', 'P.M.')`],
  ['P.M.', (t) => `replace(replace(strftime(${t}, '%p'), 'AM', 'A.M.'), 'PM', 'P.M.')`],
  ['a.m.', (t) => `replace(replace(lower(strftime(${t}, '%p')), 'am', 'a.m.'), 'pm', 'p.m.')`],
  ['p.m.', (t) => `replace(replace(lower(strftime(${t}, '%p')), 'am', 'a.m.'), 'pm', 'p.m.')`],
  ['DAY', name('%A', 'upper', 9)], ['Day', name('%A', 'title', 9)], ['day', name('%A', 'lower', 9)],
  ['YYY', (t) => `right(strftime(${t}, '%Y'), 3)`], ['DDD', num((t) => `dayofyear(${t})`, 3)],
  ['MON', name('%b', 'upper', 0)], ['Mon', name('%b', 'title', 0)], ['mon', name('%b', 'lower', 0)],
  ['IYY', (t) => `right(CAST(isoyear(${t}) AS VARCHAR), 3)`],
  ['HH', num((t) => `(hour(${t}) + 11) % 12 + 1`, 2)], ['MI', num((t) => `minute(${t})`, 2)],
  ['SS', num((t) => `second(${t})`, 2)], ['MS', num((t) => `millisecond(${t}) % 1000`, 3)],
  ['US', num((t) => `microsecond(${t}) % 1000000`, 6)], ['YY', (t) => `right(strftime(${t}, '%Y'), 2)`],
  ['IY', (t) => `right(CAST(isoyear(${t}) AS VARCHAR), 2)`], ['CC', num((t) => `(year(${t}) - 1) // 100 + 1`, 2)],
  ['MM', num((t) => `month(${t})`, 2)], ['WW', num((t) => `(dayofyear(${t}) - 1) // 7 + 1`, 2)],
  ['IW', num((t) => `weekofyear(${t})`, 2)], ['DY', name('%a', 'upper', 0)], ['Dy', name('%a', 'title', 0)],
  ['dy', name('%a', 'lower', 0)], ['DD', num((t) => `day(${t})`, 2)], ['ID', (t) => `CAST(isodow(${t}) AS VARCHAR)`],
  ['AM', f('%p')], ['PM', f('%p')], ['am', (t) => `lower(strftime(${t}, '%p'))`], ['pm', (t) => `lower(strftime(${t}, '%p'))`],
  ['Y', (t) => `right(strftime(${t}, '%Y'), 1)`], ['Q', (t) => `CAST(quarter(${t}) AS VARCHAR)`],
  ['W', (t) => `CAST((day(${t}) - 1) // 7 + 1 AS VARCHAR)`], ['D', (t) => `CAST(dayofweek(${t}) + 1 AS VARCHAR)`],
  ['J', (t) => `CAST(CAST(julian(${t}) AS BIGINT) AS VARCHAR)`],
];

/** The DuckDB expression for TO_CHAR(tsSql, format). */
export function toCharExpression(tsSql: string, format: string): string {
  const parts: string[] = [];
  let literal = '';
  const flush = (): void => { if (literal) { parts.push(quoteString(literal)); literal = ''; } };
  for (let i = 0; i < format.length;) {
    if (format[i] === '"') {
      const end = format.indexOf('"', i + 1);
      literal += format.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    let fm = false;
    let at = i;
    if (format.startsWith('FM', i) || format.startsWith('fm', i)) { fm = true; at = i + 2; }
    const hit = PATTERNS.find(([p]) => format.startsWith(p, at));
    if (hit) { flush(); parts.push(hit[1](tsSql, fm)); i = at + hit[0].length; } else { literal += format[i]; i++; }
  }
  flush();
  // A NULL timestamp gives NULL, as in Redshift; `||` keeps that. The identity macro names the column `to_char`.
  return `main.redshift_to_char(${parts.length === 0 ? "''" : parts.join(' || ')})`;
}
