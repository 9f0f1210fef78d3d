// Thousands separators by hand: the first toLocaleString('en-US') of a process loads ICU's locale
// data (~12 ms), which the load's progress notices would pay on the ETL's critical path.

/** 1234567 → "1,234,567", as toLocaleString('en-US') writes it (which still writes the rare non-integer). */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
}
