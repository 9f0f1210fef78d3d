import { describe, expect, it } from 'vitest';
import { redshiftColumnName } from '../../../src/emulator/engine/column-names.js';

describe('result column names, as Redshift reports them', () => {
  it.each([
    ['count_star()', 'count'],
    ['count(song_id)', 'count'],
    ['sum(plays)', 'sum'],
    ['"round"((100.0 * x), 2)', 'round'],
    ['CAST(user_id AS INTEGER)', 'user_id'],
    ['Plays', 'plays'],
    ['Plays Per User', 'plays per user'],
    ["'text'", '?column?'],
    ['(a + b)', '?column?'],
    ['1', '?column?'],
  ])('%s → %s', (duck, redshift) => {
    expect(redshiftColumnName(duck)).toBe(redshift);
  });
});
