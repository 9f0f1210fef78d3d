// formatCount groups digits by hand (no ICU load on the ETL's path); it must write what
// toLocaleString('en-US') writes for every count.
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/workflow/format-count.js';

describe('formatCount', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    const values = [0, 7, -7, 999, 1000, -1000, 8056, 99_999, 100_000, 1_234_567, -98_765_432, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let k = 1; k < 1e15; k *= 7) values.push(k, k + 1, -k);
    for (const n of values) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves what is not a safe integer to toLocaleString', () => {
    for (const n of [0.5, 1234.5678, 1e21, NaN, Infinity]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
